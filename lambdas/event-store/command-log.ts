import type { AccountError } from '../domain/account/index.js';

/** The fields of an accepted command's answer, taken from the state it left (no personal data). */
export interface AcceptedView {
  readonly balance: number;
  readonly currency?: string;
  readonly status?: 'open' | 'closed';
  /** The transfer a SendTransfer started: its id is generated per request, so it is kept here. */
  readonly transferId?: string;
}

/**
 * What a command did, as kept in the command log: accepted at a version with the view fields of
 * its answer, or refused by the domain (only final refusals are kept; ADR 0101). `rendered` is a
 * record written before the command log (ADR 0131): the HTTP response (or a transfer step's faked
 * 200/409) it answered, read as it was until its TTL removes it.
 */
export type RecordedOutcome =
  | {
      readonly kind: 'accepted';
      readonly accountId: string;
      readonly version: number;
      readonly view: AcceptedView;
    }
  | { readonly kind: 'refused'; readonly accountId: string; readonly error: AccountError }
  | {
      readonly kind: 'rendered';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    };

/**
 * A command's entry in the log, under its id (an Idempotency-Key's, or a transfer step's), so a
 * retry answers the same without running it again. Written in the same transaction as the
 * command's events, so a crash can never separate the two.
 */
export interface CommandEntry {
  readonly commandId: string;
  /** What tells this request from another under the same id (a request hash, a transfer id). */
  readonly fingerprint: string;
  readonly outcome: RecordedOutcome;
  readonly createdAt: string;
  /** Epoch seconds; DynamoDB's TTL removes the entry after it. */
  readonly expiresAt: number;
}

/** What a write found instead of writing: the entry another request recorded first. */
export interface AlreadyRecorded {
  readonly alreadyRecorded: CommandEntry;
}

/** The log of commands that must run at most once; the first entry under an id stays. */
export interface CommandLog {
  /** The entry under `commandId`, strongly consistent. */
  find(commandId: string): Promise<CommandEntry | undefined>;
  /**
   * Records the entry of a command that appended nothing (a refusal): undefined when written, the
   * entry already there otherwise, from the refused write itself (no second read).
   */
  record(entry: CommandEntry): Promise<AlreadyRecorded | undefined>;
}

/** Whether an entry records an accepted command, in either shape (a 2xx response before). */
export const wasAccepted = ({ outcome }: CommandEntry): boolean =>
  outcome.kind === 'rendered'
    ? outcome.status >= 200 && outcome.status < 300
    : outcome.kind === 'accepted';
