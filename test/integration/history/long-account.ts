import { randomUUID } from 'node:crypto';
import { emptyAccount, foldEvents } from '../../../lambdas/application/account-loader.js';
import { STATE_SCHEMA } from '../../../lambdas/domain/account/index.js';
import type { NewEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';

/** A 10,000-event account: opened at `T0` with nothing, then 9,999 deposits of 1, a second apart. */
export const EVENTS = 10_000;
export const T0 = Date.UTC(2026, 0, 1);

/** When the event at `version` occurred. */
export const timeOf = (version: number): number => T0 + (version - 1) * 1000;

export interface LongAccount {
  readonly app: TestApp;
  readonly accountId: string;
  readonly owner: string;
  /** Moves the app's clock (later commands happen after every seeded event). */
  setNow(ms: number): void;
}

const deposit = (owner: string, balanceAfter: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'MoneyDeposited',
  schema: 2,
  occurredAt: new Date(timeOf(balanceAfter + 1)).toISOString(),
  data: { amount: 1, currency: 'EUR', balanceAfter },
  metadata: {
    actorId: owner,
    commandId: randomUUID(),
    correlationId: 'seed',
    causationId: 'seed',
    requestId: 'seed',
  },
});

/**
 * Opens the account over HTTP and seeds its deposits in transactions of 100 events, as many commands
 * would have. With `snapshotEvery`, also stores the snapshots the command path writes every that many
 * versions, each the fold of the events up to it.
 */
export const seedLongAccount = async (
  env: Record<string, string>,
  options: { snapshotEvery?: number } = {},
): Promise<LongAccount> => {
  let now = T0;
  // No stream: nothing here reads it, and 10,000 stream records would slow every later test file's
  // writes to DynamoDB Local's stream-enabled tables about tenfold.
  const app = await createTestApp(env, { clock: { now: () => new Date(now) } }, { streams: false });
  const owner = 'long-history';
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub: owner,
    body: { holderName: 'Long History', currency: 'EUR' },
  });
  const accountId = String(opened.body['accountId']);
  now = timeOf(EVENTS + 1);
  for (let version = 1; version < EVENTS; version += 100) {
    const count = Math.min(100, EVENTS - version);
    const events = Array.from({ length: count }, (_, i) => deposit(owner, version + i));
    await app.deps.store.append({ streamId: accountId, expectedVersion: version, events });
  }
  const every = options.snapshotEvery;
  if (every !== undefined) {
    let folded = emptyAccount;
    const all = await app.deps.store.load(accountId);
    for (let version = every; version <= EVENTS; version += every) {
      folded = foldEvents(folded, all.slice(folded.version, version));
      await app.deps.snapshots.put({
        accountId,
        version,
        stateSchema: STATE_SCHEMA,
        state: folded.state as unknown as Record<string, unknown>,
        occurredAt: new Date(timeOf(version)).toISOString(),
        takenAt: new Date(now).toISOString(),
      });
    }
  }
  return {
    app,
    accountId,
    owner,
    setNow: (ms) => {
      now = ms;
    },
  };
};
