import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  KMSInvalidStateException,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KeyStoreIntegrityError } from './errors.js';
import type { GeneratedKey, KeyWrapper } from './key-store.js';
import { decryptDataKey, generateDataKey, kmsCall, opaqueSubject } from './kms-support.js';

/** The shortest waiting period KMS allows before it deletes a key. */
export const DELETION_WINDOW_DAYS = 7;

export interface KmsSubjectKeyOptions {
  /** Aliases are `alias/<prefix>/<sha256(subjectId) hex>`: opaque, never personal data. */
  readonly aliasPrefix: string;
  readonly tagKey: string;
  readonly tagValue: string;
  /** The key policy every subject key is created with (see {@link subjectKeyPolicy}). */
  readonly keyPolicy: string;
}

/**
 * The key policy of a subject key: the account's IAM policies govern use (they are scoped to the
 * purpose tag), and nobody may cancel a scheduled deletion, so an erasure cannot be undone.
 */
export const subjectKeyPolicy = (accountId: string, partition = 'aws'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EnableIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'ErasureIsFinal',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CancelKeyDeletion',
        Resource: '*',
      },
    ],
  });

const tolerated = (error: unknown): boolean =>
  error instanceof KMSInvalidStateException || error instanceof NotFoundException;

/**
 * `kms-key-per-subject`: a customer managed KMS key per subject wraps that subject's data key, so
 * deleting the KMS key (after the 7-day window) also shreds every backup of the wrapped key.
 */
export class KmsSubjectKeyWrapper implements KeyWrapper {
  constructor(
    private readonly kms: KMSClient,
    private readonly options: KmsSubjectKeyOptions,
  ) {}

  async generate(subjectId: string): Promise<GeneratedKey> {
    const keyId = await this.createSubjectKey(subjectId);
    return generateDataKey(this.kms, keyId, subjectId);
  }

  unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    return decryptDataKey(this.kms, keyRef, subjectId, wrappedKey);
  }

  /** Disables the key and schedules its deletion; a key already pending deletion or gone is fine. */
  async retire(keyRef: string): Promise<void> {
    try {
      await kmsCall('DisableKey', () => this.kms.send(new DisableKeyCommand({ KeyId: keyRef })));
    } catch (error) {
      if (!tolerated(error)) {
        throw error;
      }
    }
    try {
      await kmsCall('ScheduleKeyDeletion', () =>
        this.kms.send(
          new ScheduleKeyDeletionCommand({
            KeyId: keyRef,
            PendingWindowInDays: DELETION_WINDOW_DAYS,
          }),
        ),
      );
    } catch (error) {
      await this.confirmDeletionPending(keyRef, error);
    }
  }

  /**
   * Creates the subject's KMS key and its opaque alias. When the alias exists, a concurrent or
   * interrupted creation got there first: our new key is retired and the aliased one adopted, so
   * no subject ever ends up with two live keys.
   */
  private async createSubjectKey(subjectId: string): Promise<string> {
    const { KeyMetadata } = await kmsCall('CreateKey', () =>
      this.kms.send(
        new CreateKeyCommand({
          Description: 'Ledger personal-data key of one data subject',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          Policy: this.options.keyPolicy,
          Tags: [{ TagKey: this.options.tagKey, TagValue: this.options.tagValue }],
        }),
      ),
    );
    const keyArn = KeyMetadata?.Arn;
    if (keyArn === undefined) {
      throw new KeyStoreIntegrityError('KMS CreateKey returned no key ARN');
    }
    const aliasName = `alias/${this.options.aliasPrefix}/${opaqueSubject(subjectId)}`;
    try {
      await kmsCall('CreateAlias', () =>
        this.kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyArn })),
      );
      return keyArn;
    } catch (error) {
      // Best effort: clean-up must never fail the request (a retry would mint yet another key);
      // a key left behind carries the purpose tag, so it can be found and deleted later.
      await this.retire(keyArn).catch(() => undefined);
      if (!(error instanceof AlreadyExistsException)) {
        throw error;
      }
      return aliasName;
    }
  }

  /** ScheduleKeyDeletion failed: fine only if the key is already pending deletion (or deleted). */
  private async confirmDeletionPending(keyRef: string, failure: unknown): Promise<void> {
    if (failure instanceof NotFoundException) {
      return;
    }
    if (!(failure instanceof KMSInvalidStateException)) {
      throw failure;
    }
    const { KeyMetadata } = await kmsCall('DescribeKey', () =>
      this.kms.send(new DescribeKeyCommand({ KeyId: keyRef })),
    );
    if (KeyMetadata?.KeyState !== 'PendingDeletion') {
      throw failure;
    }
  }
}
