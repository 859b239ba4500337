import { systemClock, type Clock } from '../application/ports.js';
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpochKeys } from './epoch-keys.js';
import { KeyStoreIntegrityError } from './errors.js';
import { KEY_BYTES } from './field-cipher.js';
import type { GeneratedKey } from './key-store.js';
import { fingerprint, unwrapDataKey, wrapDataKey } from './local-key-wrapper.js';
import { loadOrCreateMasterKey, readMasterKeyFile } from './master-key-file.js';

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
    return unwrapDataKey(await this.master(keyRef), subjectId, wrappedKey);
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
    return wrapDataKey(await this.master(keyRef), subjectId, key);
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
