import type { Account, AccountCommand, AccountError } from '../domain/account/index.js';
import type { AcceptedView, CommandEntry, RecordedOutcome } from '../event-store/command-log.js';
import type { RecordedEvent } from '../event-store/event-store.js';

export type { AcceptedView, AlreadyRecorded, CommandEntry } from '../event-store/command-log.js';

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
      /** The fields of the answer, as the command log keeps them for a replay. */
      readonly view: AcceptedView;
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
}

/** Runs a command at most once under an id: its outcome goes into the command log with its events. */
export interface CommandOnce {
  readonly commandId: string;
  /** What tells this request from another under the same id (a request hash, a transfer id). */
  readonly fingerprint: string;
  /** How long the entry is kept (24 h for an Idempotency-Key, 366 days for a transfer step). */
  readonly ttlSeconds: number;
  /** False for a compensation: its refusal is not final, so it is not recorded (ADR 0101). */
  readonly recordsRefusal?: boolean;
}

/** The view fields of an accepted command, from the state it left: no personal data. */
export const acceptedView = (command: AccountCommand, state: Account): AcceptedView => ({
  balance: state.status === 'none' ? 0 : state.balance,
  ...(state.status === 'none' ? {} : { currency: state.currency, status: state.status }),
  ...(command.type === 'SendTransfer' ? { transferId: command.data.transferId } : {}),
});

/** An outcome that is final, so it may be recorded: accepted, or refused by the domain. */
export type FinalOutcome =
  | Extract<CommandOutcome, { ok: true }>
  | { readonly ok: false; readonly accountId: string; readonly error: AccountError };

const recordedOutcome = (outcome: FinalOutcome): RecordedOutcome =>
  outcome.ok
    ? {
        kind: 'accepted',
        accountId: outcome.accountId,
        version: outcome.version,
        view: outcome.view,
      }
    : { kind: 'refused', accountId: outcome.accountId, error: outcome.error };

/** The command log entry of a final outcome, kept `once.ttlSeconds` from `now`. */
export const entryOf = (once: CommandOnce, outcome: FinalOutcome, now: Date): CommandEntry => ({
  commandId: once.commandId,
  fingerprint: once.fingerprint,
  outcome: recordedOutcome(outcome),
  createdAt: now.toISOString(),
  expiresAt: Math.floor(now.getTime() / 1000) + once.ttlSeconds,
});

/** One command to execute on one account, and its id when it runs at most once. */
export interface CommandRequest {
  readonly accountId: string;
  readonly command: AccountCommand;
  readonly context: CommandContext;
  readonly once: CommandOnce | undefined;
}
