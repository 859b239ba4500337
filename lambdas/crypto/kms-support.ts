import { createHash } from 'node:crypto';
import {
  DecryptCommand,
  DependencyTimeoutException,
  GenerateDataKeyCommand,
  KMSInternalException,
  KMSServiceException,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KeyServiceBusyError, KeyStoreIntegrityError } from './errors.js';
import { KEY_BYTES } from './field-cipher.js';
import type { GeneratedKey } from './key-store.js';

/** An opaque, stable stand-in for a subject id in KMS (aliases, encryption context, CloudTrail). */
export const opaqueSubject = (subjectId: string): string =>
  createHash('sha256').update(subjectId, 'utf8').digest('hex');

/** Binds a wrapped data key to its subject: KMS refuses to unwrap it under any other context. */
const encryptionContext = (subjectId: string): Record<string, string> => ({
  'ledger:subject': opaqueSubject(subjectId),
});

// KMS does not model ThrottlingException as a class, so the SDK's throttling flag and the error
// code are the only ways to recognise it.
const isTransient = (error: unknown): boolean =>
  error instanceof DependencyTimeoutException ||
  error instanceof KMSInternalException ||
  (error instanceof KMSServiceException &&
    (error.$retryable?.throttling === true || error.name === 'ThrottlingException'));

/**
 * Runs one KMS call; throttling and transient faults (already retried by the SDK) become a
 * retryable {@link KeyServiceBusyError}, so the edge can answer 503 instead of 500.
 */
export const kmsCall = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw isTransient(error) ? new KeyServiceBusyError(operation, { cause: error }) : error;
  }
};

/** Generates an AES-256 data key under a KMS key, bound to the subject by encryption context. */
export const generateDataKey = async (
  kms: KMSClient,
  keyId: string,
  subjectId: string,
): Promise<GeneratedKey> => {
  const output = await kmsCall('GenerateDataKey', () =>
    kms.send(
      new GenerateDataKeyCommand({
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

/** Unwraps a data key with KMS, pinned to the key that wrapped it and the subject's context. */
export const decryptDataKey = async (
  kms: KMSClient,
  keyRef: string,
  subjectId: string,
  wrappedKey: string,
): Promise<Buffer> => {
  const { Plaintext } = await kmsCall('Decrypt', () =>
    kms.send(
      new DecryptCommand({
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
