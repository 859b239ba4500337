import {
  decide,
  type Account,
  type AccountCommand,
  type AccountError,
  type AccountEvent,
  STATE_SCHEMA,
} from '../domain/account/index.js';
import type { SnapshotStore } from '../event-store/snapshots.js';
import {
  VersionConflictError,
  versioned,
  type CommandRecord,
  type EventStore,
  type RecordedEvent,
} from '../event-store/event-store.js';
import { foldEvents, loadAccount, type LoadedAccount } from './account-loader.js';
import { commandMetadata, subjectOf } from './actor-metadata.js';
import { notBefore, toNewEvents } from './event-codec.js';
import { pinRefusal } from './version-pin.js';
import type { Clock, IdGenerator, PersonalDataProtection } from './ports.js';
import { defaultRetryPolicy, retryConflicts, type RetryPolicy } from './retry.js';
import { replayIfRecorded, replayIfRecordedMeanwhile } from './command-replay.js';
import type { StateCache } from './state-cache.js';
import { StreamTurns } from './stream-turns.js';

export { CommandReplayRequired } from './command-replay.js';

/** Why the service refused a command besides the domain's own rules. */
export type ServiceError =
  | { readonly code: 'version-mismatch'; readonly currentVersion: number }
  | { readonly code: 'concurrent-modification' };

export type CommandOutcome =
  | {
      readonly ok: true;
      readonly accountId: string;
      readonly state: Account;
      readonly version: number;
      readonly events: readonly RecordedEvent[];
    }
  | { readonly ok: false; readonly accountId: string; readonly error: AccountError | ServiceError };

/** Where a command came from and how it must be applied. */
export interface CommandContext {
  readonly requestId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Pins the version the client saw (If-Match); a different head answers `version-mismatch`. */
  readonly expectedVersion?: number;
  /** Idempotency: the record to store with the outcome, built from it (same transaction as events). */
  readonly idempotency?: {
    readonly commandId: string;
    readonly record: (outcome: CommandOutcome) => CommandRecord;
    /** False for a compensation: its refusal is not final, so it is not recorded (ADR 0101). */
    readonly recordsRefusal?: boolean;
  };
}

export interface AccountServiceDeps {
  readonly store: EventStore;
  readonly clock: Clock;
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
   * Executes a command on one account.
   * @example await service.execute('acc-1', { type: 'DepositMoney', actor: userActor('u1'), data: { amount: 500 } }, { requestId })
   */
  async execute(
    accountId: string,
    command: AccountCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const startedAt = Date.now();
    const request = { accountId, command, context };
    // Waiting for this process's earlier writers counts against the same budget as retries.
    const outcome = await this.turns.run(accountId, this.retry.budgetMs, async (waited) => {
      // A writer of this process that went first may have recorded this very command: replay it
      // rather than spend a doomed transaction.
      if (waited) {
        await replayIfRecordedMeanwhile(this.deps.store, context.idempotency?.commandId);
      }
      return retryConflicts((retry) => this.attempt(request, retry), startedAt, this.retry);
    });
    if (outcome === undefined) {
      this.deps.cache?.drop(accountId);
      return { ok: false, accountId, error: { code: 'concurrent-modification' } };
    }
    return outcome;
  }

  private async current(accountId: string, fresh: boolean): Promise<LoadedAccount> {
    const cached = fresh ? undefined : this.deps.cache?.get(accountId);
    return cached ?? loadAccount(this.deps.store, accountId, this.deps.snapshots?.store);
  }

  private async attempt(request: Request, fresh: boolean): Promise<CommandOutcome | 'conflict'> {
    const { accountId, command, context } = request;
    const loaded = await this.current(accountId, fresh);
    const decision = decide(command, loaded.state);
    const pin = pinRefusal({
      head: loaded.version,
      pinned: context.expectedVersion,
      decision,
      // A cached head may be stale: only a fresh load may refuse the client's version.
      mayBeStale: this.deps.cache !== undefined && !fresh,
    });
    if (pin !== undefined) {
      return pin === 'conflict' ? pin : { ok: false, accountId, error: pin };
    }
    if (!decision.ok) {
      return this.rejected({ ok: false, accountId, error: decision.error }, context);
    }
    try {
      return await this.append(request, loaded, decision.events);
    } catch (error) {
      if (error instanceof VersionConflictError) {
        return 'conflict';
      }
      throw replayIfRecorded(error);
    }
  }

  private async rejected(
    outcome: CommandOutcome,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    if (context.idempotency && context.idempotency.recordsRefusal !== false) {
      await this.deps.store
        .recordCommand(context.idempotency.record(outcome))
        .catch((error: unknown) => {
          throw replayIfRecorded(error);
        });
    }
    return outcome;
  }

  private async append(
    { accountId, command, context }: Request,
    loaded: LoadedAccount,
    decided: readonly AccountEvent[],
  ): Promise<CommandOutcome> {
    const subjectId = subjectOf(command, loaded.state);
    const events = await toNewEvents(
      decided,
      {
        streamId: accountId,
        subjectId,
        occurredAt: notBefore(this.deps.clock.now(), loaded.occurredAt),
        metadata: commandMetadata(
          command.actor,
          { ...context, traceparent: this.deps.traceparent?.() },
          this.deps.ids,
        ),
      },
      this.deps,
    );
    const next = foldEvents(
      loaded,
      versioned({ streamId: accountId, expectedVersion: loaded.version, events }),
    );
    const outcome: CommandOutcome = {
      ok: true,
      accountId,
      state: next.state,
      version: next.version,
      events: [],
    };
    const appended = await this.deps.store.append({
      streamId: accountId,
      expectedVersion: loaded.version,
      events,
      ...(context.idempotency ? { command: context.idempotency.record(outcome) } : {}),
      // A new stream is registered under its owner in the same write (erasure finds it there).
      ...(loaded.version === 0 ? { owner: subjectId } : {}),
    });
    // Not inside `cache?.set(...)`: optional chaining would skip the snapshot when there is no cache.
    const latest = await this.snapshotIfDue(accountId, next);
    this.deps.cache?.set(accountId, latest);
    return { ...outcome, events: appended };
  }

  /** Best-effort: a failed snapshot write is ignored and retried after the next append. */
  private async snapshotIfDue(accountId: string, next: LoadedAccount): Promise<LoadedAccount> {
    const snapshots = this.deps.snapshots;
    if (
      !snapshots ||
      snapshots.every === 0 ||
      next.version - next.snapshotVersion < snapshots.every
    ) {
      return next;
    }
    try {
      await snapshots.store.put({
        accountId,
        version: next.version,
        stateSchema: STATE_SCHEMA,
        state: next.state as unknown as Record<string, unknown>,
        occurredAt: next.occurredAt ?? this.deps.clock.now().toISOString(),
        takenAt: this.deps.clock.now().toISOString(),
      });
      return { ...next, snapshotVersion: next.version };
    } catch {
      return next;
    }
  }
}

interface Request {
  readonly accountId: string;
  readonly command: AccountCommand;
  readonly context: CommandContext;
}
