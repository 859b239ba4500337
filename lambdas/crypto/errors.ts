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

/**
 * The key service (KMS) refused or failed a call. Never the client's fault, so the edge answers 503
 * with `Retry-After`; `cause` keeps the KMS error (its name is what operators alarm and search on).
 */
export class KeyServiceError extends Error {
  override readonly name: string = 'KeyServiceError';
  constructor(
    readonly operation: string,
    /** How long a client should wait before retrying. */
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(`The key service failed (${operation})`, options);
  }
}

/** The key service is throttling or briefly unavailable; a retry in a second will likely work. */
export class KeyServiceBusyError extends KeyServiceError {
  override readonly name = 'KeyServiceBusyError';
  readonly retryable = true;
  constructor(operation: string, options?: ErrorOptions) {
    super(operation, 1, options);
    this.message = `The key service is busy (${operation}); retry later`;
  }
}

/** A stored key record or key file cannot be used (corrupt, wrong master key, unsafe permissions). */
export class KeyStoreIntegrityError extends Error {
  override readonly name = 'KeyStoreIntegrityError';
}
