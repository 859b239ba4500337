import type { AccountHistory } from '../../lambdas/application/account-history.js';
import { emptyAccount, foldEvents } from '../../lambdas/application/account-loader.js';
import { STATE_SCHEMA } from '../../lambdas/domain/account/index.js';
import type { RecordedEvent } from '../../lambdas/event-store/event-store.js';
import type { SnapshotStore } from '../../lambdas/event-store/snapshots.js';
import { balanceAt, benchEvent, BENCH_USER, newAccountId } from '../contenders/contender.js';
import { alternate, timed } from '../harness.js';
import { figureResults, type FigureResult } from './result.js';

export interface TimeTravelPlan {
  readonly blocks: number;
  /** Reads per reader per block. */
  readonly reads: number;
  /** Length of the account read. */
  readonly events: number;
}

export interface TimeTravelDeps {
  readonly history: AccountHistory;
  readonly snapshots: SnapshotStore;
  /** Writes a stream's events quickly (batch writes). */
  readonly write: (events: readonly RecordedEvent[]) => Promise<void>;
  readonly every: number;
}

export const timeTravelFigure = (by: 'version' | 'time', events: number): string =>
  `time travel by ${by}, ${events} events`;

/** Figures are reported in the snapshot loader's column, beside its load of the same length. */
export const TIME_TRAVEL_CONTENDER = 'ledger+snapshots';

const T0 = Date.UTC(2026, 0, 1);

/**
 * An account whose events are a millisecond apart, with a snapshot every `every` versions up to
 * `every - 1` events before the head: the target (the head) is as far from a snapshot as it gets.
 */
const seed = async (deps: TimeTravelDeps, accountId: string, count: number): Promise<void> => {
  const events: RecordedEvent[] = Array.from({ length: count }, (_, i) => ({
    ...benchEvent(i + 1),
    occurredAt: new Date(T0 + i).toISOString(),
    streamId: accountId,
    version: i + 1,
  }));
  await deps.write(events);
  let folded = emptyAccount;
  for (let version = deps.every; version <= count - (deps.every - 1); version += deps.every) {
    folded = foldEvents(folded, events.slice(folded.version, version));
    await deps.snapshots.put({
      accountId,
      version,
      stateSchema: STATE_SCHEMA,
      state: folded.state as unknown as Record<string, unknown>,
      occurredAt: folded.occurredAt ?? '',
      takenAt: new Date().toISOString(),
    });
  }
};

/**
 * `GET /accounts/{id}/state?version=N` and `?at=T` through AccountHistory (ownership, the snapshot
 * at or before the target, the events after it, the view), blocks alternating. Each read is
 * checked against the expected balance, so a shortcut cannot pass for speed.
 */
export const measureTimeTravel = async (
  deps: TimeTravelDeps,
  plan: TimeTravelPlan,
): Promise<FigureResult[]> => {
  const accountId = newAccountId();
  await seed(deps, accountId, plan.events);
  const head = plan.events;
  const targets = {
    version: { version: head },
    time: { at: new Date(T0 + head - 1).toISOString() },
  } as const;
  const readers = (['version', 'time'] as const).map((by) => ({ name: by, target: targets[by] }));
  const samples = await alternate(readers, plan.blocks, async ({ name, target }) => {
    const latencies: number[] = [];
    for (let i = 0; i < plan.reads; i += 1) {
      latencies.push(
        await timed(async () => {
          const view = await deps.history.state(accountId, BENCH_USER, target);
          const balance = typeof view === 'string' ? view : view.state['balance'];
          if (balance !== balanceAt(head)) {
            throw new Error(`time travel by ${name} gave ${String(balance)}`);
          }
        }),
      );
    }
    return latencies;
  });
  return (['version', 'time'] as const).flatMap((by) =>
    figureResults(
      timeTravelFigure(by, plan.events),
      'ms',
      new Map([[TIME_TRAVEL_CONTENDER, samples.get(by) ?? []]]),
    ),
  );
};
