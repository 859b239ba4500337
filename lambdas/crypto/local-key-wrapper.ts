import { createHash, randomBytes } from 'node:crypto';
import { KeyStoreIntegrityError } from './errors.js';
import { IV_BYTES, KEY_BYTES, open, seal } from './field-cipher.js';
import type { GeneratedKey, KeyWrapper } from './key-store.js';
import { loadOrCreateMasterKey } from './master-key-file.js';

/** Names a master key in a keyRef by its fingerprint, which reveals nothing about it. */
export const fingerprint = (key: Buffer): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 16);

/** A data key sealed under a master key with the subject id as associated data (IV, then sealed). */
export const wrapDataKey = (master: Buffer, subjectId: string, key: Buffer): string => {
  const iv = randomBytes(IV_BYTES);
  const sealed = seal(master, iv, key, Buffer.from(subjectId, 'utf8'));
  return Buffer.concat([iv, sealed]).toString('base64');
};

/**
 * The data key `wrapDataKey` sealed, for the same subject only.
 * @throws KeyStoreIntegrityError when the wrapped key fails authentication.
 */
export const unwrapDataKey = (master: Buffer, subjectId: string, wrappedKey: string): Buffer => {
  const wrapped = Buffer.from(wrappedKey, 'base64');
  try {
    return open(
      master,
      wrapped.subarray(0, IV_BYTES),
      wrapped.subarray(IV_BYTES),
      Buffer.from(subjectId, 'utf8'),
    );
  } catch (error) {
    throw new KeyStoreIntegrityError('A wrapped data key failed authentication', {
      cause: error,
    });
  }
};

interface MasterKey {
  readonly key: Buffer;
  readonly keyRef: string;
}

/**
 * Wraps data keys with AES-256-GCM under a local master key file, with the subject id as associated
 * data (a wrapped key copied to another subject does not unwrap). For DynamoDB Local and tests.
 */
export class LocalKeyWrapper implements KeyWrapper {
  private master: Promise<MasterKey> | undefined;

  constructor(private readonly masterKeyFile: string) {}

  async generate(subjectId: string): Promise<GeneratedKey> {
    const master = await this.masterKey();
    const key = randomBytes(KEY_BYTES);
    return { key, keyRef: master.keyRef, wrappedKey: wrapDataKey(master.key, subjectId, key) };
  }

  async unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    const master = await this.masterKey();
    if (keyRef !== master.keyRef) {
      throw new KeyStoreIntegrityError('The data key was wrapped under another master key');
    }
    return unwrapDataKey(master.key, subjectId, wrappedKey);
  }

  /** The master key is shared by every subject: erasure removing the wrapped key is all there is. */
  retire(_keyRef: string): Promise<void> {
    return Promise.resolve();
  }

  private masterKey(): Promise<MasterKey> {
    this.master ??= loadOrCreateMasterKey(this.masterKeyFile).then(
      (key) => ({
        key,
        keyRef: `local:${fingerprint(key)}`,
      }),
      (error: unknown) => {
        this.master = undefined;
        throw error;
      },
    );
    return this.master;
  }
}
