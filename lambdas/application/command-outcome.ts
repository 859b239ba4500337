import type { Account, AccountError } from '../domain/account/index.js';
import type { CommandRecord, RecordedEvent } from '../event-store/event-store.js';

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
