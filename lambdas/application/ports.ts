import type { BackupReceipt } from '../crypto/key-store.js';

/** The time source of the application layer; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

/** Produces unique ids (event ids, erasure ids, transfer ids). */
export interface IdGenerator {
  next(): string;
}

/**
 * Where a ciphertext is bound: the event (stream, id, type, stored schema) and the field it belongs
 * to, all of it the associated data of the field's envelope, so the ciphertext cannot be moved
 * elsewhere. What an event's personal fields share is `Omit<CipherBinding, 'field'>`; a read-model
 * row keeps only what its own key and columns do not already say.
 */
export interface CipherBinding {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly schema: number;
  readonly field: string;
}

/**
 * Encrypts the personal fields of an event's data before it is stored (crypto-shredding).
 * Fields that are not personal pass through unchanged.
 */
export interface PersonalDataProtection {
  protect(
    subjectId: string,
    binding: Omit<CipherBinding, 'field'>,
    data: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>>;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The identity provider's record of a subject, when the service owns it (a username or an email
 * address is personal data). Erasure deletes it last, once every account is erased.
 */
export interface UserDirectory {
  /** Deletes the subject's user; a user already gone counts as deleted (idempotent). */
  deleteUser(subjectId: string): Promise<void>;
}

/** When the subject's key was destroyed and by when no backup can yield it (the receipt). */
export interface KeyReceipt {
  readonly keyDestroyedAt: string;
  readonly reachesBackupsBy: string;
  readonly backups: BackupReceipt;
}

/** The audit record of a subject's erasure: opaque ids, timestamps and counts only. */
export interface ErasureRecord {
  readonly subjectId: string;
  readonly erasureId: string;
  readonly status: 'started' | 'completed';
  readonly requestedAt: string;
  readonly completedAt?: string;
  readonly accounts?: readonly string[];
  readonly accountCount?: number;
  /** Written on completion; absent on records completed before the receipt existed. */
  readonly keyDestroyedAt?: string;
  readonly reachesBackupsBy?: string;
  readonly backups?: BackupReceipt;
}

/** The audit trail of erasures: one record per erased subject, started once, completed once. */
export interface ErasureAudit {
  get(subjectId: string): Promise<ErasureRecord | undefined>;
  /** Starts the record, or returns the one a previous (possibly interrupted) call started. */
  start(record: ErasureRecord): Promise<ErasureRecord>;
  /** Completes a started record once; a call that lost the race gets the stored record. */
  complete(
    subjectId: string,
    accounts: readonly string[],
    completedAt: string,
    receipt: KeyReceipt,
  ): Promise<ErasureRecord>;
  /** Every started, unfinished erasure (read consistently: none written before it is missed). */
  unfinished(): Promise<ErasureRecord[]>;
}
