import { KeyStoreIntegrityError } from './errors.js';
import type { GeneratedKey, KeyWrapper } from './key-store.js';
import type { Kms } from './kms-client.js';
import { retireKmsKey } from './kms-key-retirement.js';
import {
  decryptDataKey,
  generateDataKey,
  kmsCall,
  onSettlingKey,
  opaqueSubject,
  SETTLING_DELAYS_MS,
} from './kms-support.js';

export interface KmsSubjectKeyOptions {
  /** Aliases are `alias/<prefix>/<sha256(subjectId) hex>`: opaque, never personal data. */
  readonly aliasPrefix: string;
  readonly tagKey: string;
  readonly tagValue: string;
  /** The key policy every subject key is created with (see `subjectKeyPolicy`). */
  readonly keyPolicy: string;
  /** Waits between retries of a call on a key KMS has not finished creating. */
  readonly settlingDelaysMs?: readonly number[];
}

/**
 * `kms-key-per-subject`: a customer managed KMS key per subject wraps that subject's data key, so
 * deleting the KMS key (after the 7-day window) also shreds every backup of the wrapped key.
 *
 * A new key is created with a policy that names the function roles, then the data key is generated
 * on it (retried while KMS settles), and only once SubjectKeys records it is it aliased. A key that
 * SubjectKeys never records (a lost race, a crash, a failure after CreateKey) is left to the
 * orphan-key sweeper: the creating role cannot disable or delete keys.
 */
export class KmsSubjectKeyWrapper implements KeyWrapper {
  private readonly settlingDelaysMs: readonly number[];

  constructor(
    private readonly kms: Kms,
    private readonly options: KmsSubjectKeyOptions,
  ) {
    this.settlingDelaysMs = options.settlingDelaysMs ?? SETTLING_DELAYS_MS;
  }

  async generate(subjectId: string): Promise<GeneratedKey> {
    const keyArn = await this.createKey();
    return generateDataKey(this.kms, keyArn, subjectId, this.settlingDelaysMs);
  }

  unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    // Another function may read a key created a moment ago, before KMS shows it everywhere.
    return decryptDataKey(this.kms, { keyRef, subjectId, wrappedKey }, this.settlingDelaysMs);
  }

  /**
   * Aliases a recorded key with the subject's opaque id, for operators. Best effort: SubjectKeys,
   * not the alias, says which key is the subject's, so no failure here may fail the request.
   */
  async recorded(subjectId: string, keyRef: string): Promise<void> {
    const aliasName = `alias/${this.options.aliasPrefix}/${opaqueSubject(subjectId)}`;
    await this.kms()
      .then(({ client, sdk }) =>
        onSettlingKey('CreateAlias', this.settlingDelaysMs, () =>
          client.send(new sdk.CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyRef })),
        ),
      )
      .catch(() => undefined);
  }

  /** Disables the key and schedules its deletion; a key already pending deletion or gone is fine. */
  retire(keyRef: string): Promise<void> {
    return retireKmsKey(this.kms, keyRef);
  }

  private async createKey(): Promise<string> {
    const { client, sdk } = await this.kms();
    const { KeyMetadata } = await kmsCall('CreateKey', () =>
      client.send(
        new sdk.CreateKeyCommand({
          Description: 'Ledger personal-data key of one data subject',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          Policy: this.options.keyPolicy,
          // The policy names the account root, so it cannot lock the account out; the check would
          // need the creating role to hold kms:PutKeyPolicy, which could drop the deletion guard.
          BypassPolicyLockoutSafetyCheck: true,
          Tags: [{ TagKey: this.options.tagKey, TagValue: this.options.tagValue }],
        }),
      ),
    );
    const keyArn = KeyMetadata?.Arn;
    if (keyArn === undefined) {
      throw new KeyStoreIntegrityError('KMS CreateKey returned no key ARN');
    }
    return keyArn;
  }
}
