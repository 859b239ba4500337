import { createHash } from 'node:crypto';
import { KeyServiceBusyError, KeyServiceError, KeyStoreIntegrityError } from './errors.js';
import { KEY_BYTES } from './field-cipher.js';
import type { GeneratedKey } from './key-store.js';
import { loadKmsSdk, type Kms, type KmsSdk } from './kms-client.js';
import { retrying } from '../retries.js';

/** An opaque, stable stand-in for a subject id in KMS (aliases, encryption context, CloudTrail). */
export const opaqueSubject = (subjectId: string): string =>
  createHash('sha256').update(subjectId, 'utf8').digest('hex');

/** Binds a wrapped data key to its subject: KMS refuses to unwrap it under any other context. */
export const encryptionContext = (subjectId: string): Record<string, string> => ({
  'ledger:subject': opaqueSubject(subjectId),
});

// KMS does not model ThrottlingException as a class, so the SDK's throttling flag and the error
// code are the only ways to recognise it.
const isTransient = (error: unknown, sdk: KmsSdk): boolean =>
  error instanceof sdk.DependencyTimeoutException ||
  error instanceof sdk.KMSInternalException ||
  error instanceof sdk.KeyUnavailableException ||
  (error instanceof sdk.KMSServiceException &&
    (error.$retryable?.throttling === true || error.name === 'ThrottlingException'));

/** Seconds a client waits after a KMS failure that is not transient (quota, policy, access). */
export const KMS_FAILURE_RETRY_AFTER_SECONDS = 30;

/**
 * Runs one KMS call. Every failure becomes a {@link KeyServiceError} (the edge answers 503, never
 * 500): throttling and transient faults, already retried by the SDK, as a {@link KeyServiceBusyError}.
 * `InvalidCiphertextException` is not a KMS failure but a stored key that does not belong where it
 * is found: a {@link KeyStoreIntegrityError}. The failure is told by the SDK's own error classes,
 * from the module the call was made with (loaded by then: see kms-client.ts).
 */
export const kmsCall = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const sdk = await loadKmsSdk();
    if (error instanceof sdk.InvalidCiphertextException) {
      throw new KeyStoreIntegrityError('KMS refused to unwrap a stored data key', { cause: error });
    }
    if (isTransient(error, sdk)) {
      throw new KeyServiceBusyError(operation, { cause: error });
    }
    throw new KeyServiceError(operation, KMS_FAILURE_RETRY_AFTER_SECONDS, { cause: error });
  }
};

/** The name of the KMS error behind a {@link kmsCall} failure (or of the error itself). */
export const kmsErrorName = (error: unknown): string | undefined => {
  const cause = error instanceof KeyServiceError ? error.cause : error;
  return cause instanceof Error ? cause.name : undefined;
};

// What a key that KMS has not finished creating answers (eventual consistency).
const notYetVisible = new Set(['NotFoundException', 'KMSInvalidStateException']);

/** Waits between attempts on a key created a moment ago; about 1.5 s in all by default. */
export const SETTLING_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a KMS call on a key that may have been created a moment ago, retrying it while KMS answers
 * that the key is missing or not yet enabled; after the last delay the failure stands, as a
 * retryable {@link KeyServiceBusyError} (the key may still appear).
 */
export const onSettlingKey = async <T>(
  operation: string,
  delaysMs: readonly number[],
  call: () => Promise<T>,
): Promise<T> => {
  const settling = (error: unknown) => notYetVisible.has(kmsErrorName(error) ?? '');
  try {
    return await retrying(() => kmsCall(operation, call), {
      delaysMs,
      retryable: settling,
      wait: sleep,
    });
  } catch (error) {
    if (settling(error)) {
      throw new KeyServiceBusyError(operation, { cause: (error as Error).cause });
    }
    throw error;
  }
};

/**
 * Generates an AES-256 data key under a KMS key, bound to the subject by encryption context;
 * `settlingDelaysMs` retries a key created a moment ago (see {@link onSettlingKey}).
 */
export const generateDataKey = async (
  kms: Kms,
  keyId: string,
  subjectId: string,
  settlingDelaysMs: readonly number[] = [],
): Promise<GeneratedKey> => {
  const { client, sdk } = await kms();
  const output = await onSettlingKey('GenerateDataKey', settlingDelaysMs, () =>
    client.send(
      new sdk.GenerateDataKeyCommand({
        KeyId: keyId,
        KeySpec: 'AES_256',
        EncryptionContext: encryptionContext(subjectId),
      }),
    ),
  );
  const { Plaintext, CiphertextBlob, KeyId } = output;
  if (Plaintext?.length !== KEY_BYTES || !CiphertextBlob || !KeyId) {
    throw new KeyStoreIntegrityError('KMS returned an incomplete data key');
  }
  return {
    key: Buffer.from(Plaintext),
    keyRef: KeyId,
    wrappedKey: Buffer.from(CiphertextBlob).toString('base64'),
  };
};

/** A wrapped data key as SubjectKeys stores it. */
export interface StoredDataKey {
  readonly subjectId: string;
  readonly keyRef: string;
  readonly wrappedKey: string;
}

/** Unwraps a data key with KMS, pinned to the key that wrapped it and the subject's context. */
export const decryptDataKey = async (
  kms: Kms,
  { keyRef, subjectId, wrappedKey }: StoredDataKey,
  settlingDelaysMs: readonly number[] = [],
): Promise<Buffer> => {
  const { client, sdk } = await kms();
  const { Plaintext } = await onSettlingKey('Decrypt', settlingDelaysMs, () =>
    client.send(
      new sdk.DecryptCommand({
        KeyId: keyRef,
        CiphertextBlob: Buffer.from(wrappedKey, 'base64'),
        EncryptionContext: encryptionContext(subjectId),
      }),
    ),
  );
  if (Plaintext?.length !== KEY_BYTES) {
    throw new KeyStoreIntegrityError('KMS returned a data key of the wrong size');
  }
  return Buffer.from(Plaintext);
};
