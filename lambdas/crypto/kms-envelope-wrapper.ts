import type { GeneratedKey, KeyWrapper } from './key-store.js';
import type { Kms } from './kms-client.js';
import { decryptDataKey, generateDataKey } from './kms-support.js';

/**
 * `kms-envelope`: one KMS key wraps every subject's data key. Cheap at any scale; erasure removes
 * the wrapped key from SubjectKeys, and backups keep it until their retention (PITR) passes.
 */
export class KmsEnvelopeKeyWrapper implements KeyWrapper {
  constructor(
    private readonly kms: Kms,
    private readonly keyId: string,
  ) {}

  generate(subjectId: string): Promise<GeneratedKey> {
    return generateDataKey(this.kms, this.keyId, subjectId);
  }

  unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    return decryptDataKey(this.kms, { keyRef, subjectId, wrappedKey });
  }

  /** The KMS key is shared by every subject, so erasure must never touch it. */
  retire(_keyRef: string): Promise<void> {
    return Promise.resolve();
  }
}
