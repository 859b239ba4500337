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
