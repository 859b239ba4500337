import { decide, type AccountCommand, type AccountEvent } from '../domain/account/index.js';
import type { SnapshotStore } from '../event-store/snapshots.js';
import type { AlreadyRecorded, CommandLog } from '../event-store/command-log.js';
import { VersionConflictError, type EventStore } from '../event-store/event-store.js';
import { foldAppended, loadAccount, type LoadedAccount } from './account-loader.js';
import { commandMetadata, subjectOf } from './actor-metadata.js';
import { notBefore, toNewEvents } from './event-codec.js';
import { pinRefusal } from './version-pin.js';
import { systemClock, type Clock, type IdGenerator, type PersonalDataProtection } from './ports.js';
import { defaultRetryPolicy, retryConflicts, type RetryPolicy } from './retry.js';
import type { StateCache } from './state-cache.js';
import { snapshotIfDue } from './snapshot-policy.js';
import { StreamTurns } from './stream-turns.js';
import {
  acceptedView,
  entryOf,
  type CommandContext,
  type CommandOnce,
  type CommandOutcome,
  type CommandRequest as Request,
  type FinalOutcome,
} from './command-outcome.js';

export type { CommandContext, CommandOutcome, ServiceError } from './command-outcome.js';

export interface AccountServiceDeps {
  readonly store: EventStore;
  /** Where commands run once are recorded (with their events through the store's append). */
  readonly commandLog: CommandLog;
  readonly clock: Clock;
  /**
   * The clock the retry budget is measured on (default the system clock). Not `clock`: that one
   * stamps events, and tests stop or move it, which must not stop or stretch the budget.
   */
  readonly budgetClock?: Clock;
  readonly ids: IdGenerator;
  readonly protection: PersonalDataProtection;
  readonly cache?: StateCache;
  readonly retry?: RetryPolicy;
  /** Snapshots: read on load, and written best-effort every `every` events after an append. */
  readonly snapshots?: { readonly store: SnapshotStore; readonly every: number };
  /** The traceparent of the work running now (request or consumer step), recorded in metadata. */
  readonly traceparent?: () => string | undefined;
}

/**
 * Load -> decide -> append for Account commands, retrying version conflicts with jittered backoff
 * within a time budget (unless the client pinned the version).
 */
export class AccountService {
  private readonly retry: RetryPolicy;
  private readonly turns = new StreamTurns();

  constructor(private readonly deps: AccountServiceDeps) {
    this.retry = deps.retry ?? defaultRetryPolicy;
  }

  /**
   * Executes a command on one account; with `once`, at most once under its id: a command already
   * in the command log answers its entry instead of running.
   * @example await service.execute('acc-1', { type: 'DepositMoney', actor: userActor('u1'), data: { amount: 500 } }, { requestId })
   */
  execute(
    accountId: string,
    command: AccountCommand,
    context: CommandContext,
  ): Promise<CommandOutcome>;
  execute(
    accountId: string,
    command: AccountCommand,
    context: CommandContext,
    once: CommandOnce,
  ): Promise<CommandOutcome | AlreadyRecorded>;
  async execute(
    accountId: string,
    command: AccountCommand,
    context: CommandContext,
    once?: CommandOnce,
  ): Promise<CommandOutcome | AlreadyRecorded> {
    const budgetClock = this.deps.budgetClock ?? systemClock;
    const budget = { startedAt: budgetClock.now(), clock: budgetClock };
    const request = { accountId, command, context, once };
    // Waiting for this process's earlier writers counts against the same budget as retries.
    const outcome = await this.turns.run(accountId, this.retry.budgetMs, async (waited) => {
      // A writer of this process that went first may have recorded this very command: answer its
      // entry rather than spend a doomed transaction.
      const recorded = waited && once ? await this.deps.commandLog.find(once.commandId) : undefined;
      return recorded
        ? { alreadyRecorded: recorded }
        : retryConflicts((retry) => this.attempt(request, retry), budget, this.retry);
    });
    if (outcome === undefined) {
      this.deps.cache?.drop(accountId);
      return { ok: false, accountId, error: { code: 'concurrent-modification' } };
    }
    return outcome;
  }

  /** The account's state, from this container's cache unless `fresh` (`cached` says which). */
  private async current(accountId: string, fresh: boolean) {
    const cached = fresh ? undefined : this.deps.cache?.get(accountId);
    const loaded =
      cached ?? (await loadAccount(this.deps.store, accountId, this.deps.snapshots?.store));
    return { loaded, cached: cached !== undefined };
  }

  private async attempt(
    request: Request,
    fresh: boolean,
  ): Promise<CommandOutcome | AlreadyRecorded | 'conflict'> {
    const { accountId, command, context } = request;
    const { loaded, cached } = await this.current(accountId, fresh);
    const decision = decide(command, loaded.state);
    const pin = pinRefusal({
      head: loaded.version,
      pinned: context.expectedVersion,
      decision,
      // A cached head may be stale: only a fresh load may refuse the client's version.
      mayBeStale: cached,
    });
    if (pin !== undefined) {
      return pin === 'conflict' ? pin : { ok: false, accountId, error: pin };
    }
    if (!decision.ok) {
      // A cached state may be stale (another container wrote since): only a load refuses.
      return cached
        ? this.attempt(request, true)
        : this.rejected(request, { ok: false, accountId, error: decision.error });
    }
    try {
      return await this.append(request, loaded, decision.events);
    } catch (error) {
      if (error instanceof VersionConflictError) {
        return 'conflict';
      }
      throw error;
    }
  }

  /** A domain refusal, recorded when it is final; the entry recorded first, if there is one. */
  private async rejected(
    { once }: Request,
    outcome: FinalOutcome & { ok: false },
  ): Promise<CommandOutcome | AlreadyRecorded> {
    const recorded =
      once && once.recordsRefusal !== false
        ? await this.deps.commandLog.record(entryOf(once, outcome, this.deps.clock.now()))
        : undefined;
    return recorded ?? outcome;
  }

  private async append(
    { accountId, command, context, once }: Request,
    loaded: LoadedAccount,
    decided: readonly AccountEvent[],
  ): Promise<CommandOutcome | AlreadyRecorded> {
    const subjectId = subjectOf(command, loaded.state);
    const events = await toNewEvents(
      decided,
      {
        streamId: accountId,
        subjectId,
        occurredAt: notBefore(this.deps.clock.now(), loaded.occurredAt),
        metadata: commandMetadata(
          command.actor,
          { ...context, commandId: once?.commandId, traceparent: this.deps.traceparent?.() },
          this.deps.ids,
        ),
      },
      this.deps,
    );
    const next = foldAppended(loaded, events);
    const outcome = {
      ok: true as const,
      accountId,
      state: next.state,
      version: next.version,
      view: acceptedView(command, next.state),
      events: [],
    };
    const appended = await this.deps.store.append({
      streamId: accountId,
      expectedVersion: loaded.version,
      events,
      ...(once ? { command: entryOf(once, outcome, this.deps.clock.now()) } : {}),
      // A new stream is registered under its owner in the same write (erasure finds it there).
      ...(loaded.version === 0 ? { owner: subjectId } : {}),
    });
    if ('alreadyRecorded' in appended) {
      return appended;
    }
    // Not inside `cache?.set(...)`: optional chaining would skip the snapshot when there is no cache.
    const latest = await snapshotIfDue(this.deps, accountId, next);
    this.deps.cache?.set(accountId, latest);
    return { ...outcome, events: appended };
  }
}
