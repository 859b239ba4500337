import { systemClock, type Clock } from '../application/ports.js';
import { createHash, randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpochKeys } from './epoch-keys.js';
import { KeyStoreIntegrityError } from './errors.js';
import { IV_BYTES, KEY_BYTES, open, seal } from './field-cipher.js';
import type { GeneratedKey } from './key-store.js';
import { loadOrCreateMasterKey, readMasterKeyFile } from './master-key-file.js';

const fingerprint = (key: Buffer): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * Epoch keys for DynamoDB Local: one master key file per epoch in a directory (mode 0600, as the
 * local master key). Rewrapping happens in this process (there is no key service to keep the
 * plaintext in); destroying an epoch key deletes its file at once (no waiting period locally).
 */
export class LocalEpochKeys implements EpochKeys {
  constructor(
    private readonly directory: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async createKey(epoch: number): Promise<string> {
    const key = await loadOrCreateMasterKey(this.pathOf(epoch));
    return `local-epoch:${epoch}:${fingerprint(key)}`;
  }

  async generate(keyRef: string, subjectId: string): Promise<GeneratedKey> {
    const key = randomBytes(KEY_BYTES);
    return { key, keyRef, wrappedKey: await this.wrap(keyRef, subjectId, key) };
  }

  async unwrap(keyRef: string, subjectId: string, wrappedKey: string): Promise<Buffer> {
    const master = await this.master(keyRef);
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
  }

  async rewrap(from: string, to: string, subjectId: string, wrappedKey: string): Promise<string> {
    return this.wrap(to, subjectId, await this.unwrap(from, subjectId, wrappedKey));
  }

  async destroy(keyRef: string): Promise<string> {
    await unlink(this.pathOf(this.epochOf(keyRef))).catch((error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
        throw error;
      }
    });
    return this.clock.now().toISOString();
  }

  private async wrap(keyRef: string, subjectId: string, key: Buffer): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const sealed = seal(await this.master(keyRef), iv, key, Buffer.from(subjectId, 'utf8'));
    return Buffer.concat([iv, sealed]).toString('base64');
  }

  private epochOf(keyRef: string): number {
    const [scheme, epoch] = keyRef.split(':');
    const number = Number(epoch);
    if (scheme !== 'local-epoch' || !Number.isSafeInteger(number) || number < 1) {
      throw new KeyStoreIntegrityError('Not a local epoch key reference');
    }
    return number;
  }

  /** The epoch's master key; a destroyed one is gone for good (never silently recreated). */
  private async master(keyRef: string): Promise<Buffer> {
    const path = this.pathOf(this.epochOf(keyRef));
    const key = await readMasterKeyFile(path).catch((error: unknown) => {
      throw new KeyStoreIntegrityError('The epoch master key cannot be read', { cause: error });
    });
    if (`local-epoch:${this.epochOf(keyRef)}:${fingerprint(key)}` !== keyRef) {
      throw new KeyStoreIntegrityError('The epoch master key was destroyed');
    }
    return key;
  }

  private pathOf(epoch: number): string {
    return join(this.directory, `epoch-${epoch}.key`);
  }
}
