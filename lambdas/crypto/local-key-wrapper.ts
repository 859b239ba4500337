import { createHash, randomBytes } from 'node:crypto';
import { KeyStoreIntegrityError } from './errors.js';
import { IV_BYTES, KEY_BYTES, open, seal } from './field-cipher.js';
import type { GeneratedKey, KeyWrapper } from './key-store.js';
import { loadOrCreateMasterKey } from './master-key-file.js';

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
    const iv = randomBytes(IV_BYTES);
    const sealed = seal(master.key, iv, key, Buffer.from(subjectId, 'utf8'));
    return {
      key,
      keyRef: master.keyRef,
      wrappedKey: Buffer.concat([iv, sealed]).toString('base64'),
    };
  }

  async unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    const master = await this.masterKey();
    if (keyRef !== master.keyRef) {
      throw new KeyStoreIntegrityError('The data key was wrapped under another master key');
    }
    const wrapped = Buffer.from(wrappedKey, 'base64');
    try {
      return open(
        master.key,
        wrapped.subarray(0, IV_BYTES),
        wrapped.subarray(IV_BYTES),
        Buffer.from(subjectId, 'utf8'),
      );
    } catch (error) {
      throw new KeyStoreIntegrityError('A wrapped data key failed authentication', {
        cause: error,
      });
    }
  }

  /** The master key is shared by every subject: erasure removing the wrapped key is all there is. */
  retire(_keyRef: string): Promise<void> {
    return Promise.resolve();
  }

  private masterKey(): Promise<MasterKey> {
    this.master ??= loadOrCreateMasterKey(this.masterKeyFile).then(
      (key) => ({
        key,
        // The key's fingerprint names it in keyRef without revealing anything about it.
        keyRef: `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
      }),
      (error: unknown) => {
        this.master = undefined;
        throw error;
      },
    );
    return this.master;
  }
}
