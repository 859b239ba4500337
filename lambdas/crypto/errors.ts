/** The subject's personal data was erased: its key is gone and no key will ever be created again. */
export class SubjectErasedError extends Error {
  override readonly name = 'SubjectErasedError';
  constructor(
    readonly subjectId: string,
    options?: ErrorOptions,
  ) {
    super('The personal data of this subject was erased', options);
  }
}

/** Why an envelope could not be opened; none of these is a normal outcome. */
export type EnvelopeFailure = 'malformed' | 'unknown-subject' | 'key-mismatch' | 'tag-mismatch';

/**
 * A personal-data envelope failed authentication: it was tampered with, moved to another event or
 * field, or belongs to another subject. Carries no plaintext, ciphertext or key material.
 */
export class EnvelopeAuthenticationError extends Error {
  override readonly name = 'EnvelopeAuthenticationError';
  constructor(
    readonly reason: EnvelopeFailure,
    options?: ErrorOptions,
  ) {
    super(`Personal-data envelope failed authentication (${reason})`, options);
  }
}

/** The key service (KMS) is throttling or briefly unavailable; the caller may retry later. */
export class KeyServiceBusyError extends Error {
  override readonly name = 'KeyServiceBusyError';
  readonly retryable = true;
  constructor(
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(`The key service is busy (${operation}); retry later`, options);
  }
}

/** A stored key record or key file cannot be used (corrupt, wrong master key, unsafe permissions). */
export class KeyStoreIntegrityError extends Error {
  override readonly name = 'KeyStoreIntegrityError';
}
