/** The time source of the application layer; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

/** Produces unique ids (event ids, erasure ids, transfer ids). */
export interface IdGenerator {
  next(): string;
}

/** Where an event's personal fields are bound to: the ciphertext cannot be moved elsewhere. */
export interface EventBinding {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly schema: number;
}

/**
 * Encrypts the personal fields of an event's data before it is stored (crypto-shredding).
 * Fields that are not personal pass through unchanged.
 */
export interface PersonalDataProtection {
  protect(
    subjectId: string,
    binding: EventBinding,
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
