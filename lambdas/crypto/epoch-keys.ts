import { systemClock, type Clock } from '../application/ports.js';
import { KeyStoreIntegrityError } from './errors.js';
import type { GeneratedKey } from './key-store.js';
import type { Kms } from './kms-client.js';
import { DELETION_WINDOW_DAYS } from './kms-key-retirement.js';
import {
  decryptDataKey,
  encryptionContext,
  generateDataKey,
  kmsCall,
  kmsErrorName,
} from './kms-support.js';

/**
 * How long a new epoch key waits before any function wraps under it: the functions may use epoch
 * keys by their tag (IAM `aws:ResourceTag`), and "it might take up to five minutes for tag and
 * alias changes to affect KMS key authorization"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/abac.html). Twice that, for a margin.
 */
export const EPOCH_KEY_SETTLE_MS = 10 * 60_000;

/**
 * The master keys of `kms-epoch`, one per epoch: create the next one, wrap and unwrap data keys
 * under one, move a wrapped key from one to the next without its plaintext, and destroy an old one.
 */
export interface EpochKeys {
  createKey(epoch: number): Promise<string>;
  generate(keyRef: string, subjectId: string): Promise<GeneratedKey>;
  unwrap(keyRef: string, subjectId: string, wrappedKey: string): Promise<Buffer>;
  /** The data key wrapped under `to` instead of `from`; its plaintext never leaves the key service. */
  rewrap(from: string, to: string, subjectId: string, wrappedKey: string): Promise<string>;
  /** Schedules the key's destruction; answers the date it is destroyed. */
  destroy(keyRef: string): Promise<string>;
}

export interface KmsEpochKeysOptions {
  readonly tagKey: string;
  readonly tagValue: string;
  /** For the deletion date when KMS answers none. */
  readonly clock?: Clock;
}

/**
 * Epoch keys in KMS. CreateKey (symmetric, tagged), GenerateDataKey/Decrypt with the subject's
 * encryption context, ReEncrypt from the old key to the new one with the same context on both
 * sides, and ScheduleKeyDeletion after the shortest waiting period.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
export class KmsEpochKeys implements EpochKeys {
  constructor(
    private readonly kms: Kms,
    private readonly options: KmsEpochKeysOptions,
  ) {}

  async createKey(epoch: number): Promise<string> {
    const { client, sdk } = await this.kms();
    const { KeyMetadata } = await kmsCall('CreateKey', () =>
      client.send(
        new sdk.CreateKeyCommand({
          KeySpec: 'SYMMETRIC_DEFAULT',
          KeyUsage: 'ENCRYPT_DECRYPT',
          Description: `Ledger kms-epoch key, epoch ${epoch}`,
          Tags: [
            { TagKey: this.options.tagKey, TagValue: this.options.tagValue },
            { TagKey: 'ledger:epoch', TagValue: String(epoch) },
          ],
        }),
      ),
    );
    if (!KeyMetadata?.Arn) {
      throw new KeyStoreIntegrityError('KMS created a key without an ARN');
    }
    return KeyMetadata.Arn;
  }

  generate(keyRef: string, subjectId: string): Promise<GeneratedKey> {
    return generateDataKey(this.kms, keyRef, subjectId);
  }

  unwrap(keyRef: string, subjectId: string, wrappedKey: string): Promise<Buffer> {
    return decryptDataKey(this.kms, { keyRef, subjectId, wrappedKey });
  }

  async rewrap(from: string, to: string, subjectId: string, wrappedKey: string): Promise<string> {
    const context = encryptionContext(subjectId);
    const { client, sdk } = await this.kms();
    const { CiphertextBlob, KeyId } = await kmsCall('ReEncrypt', () =>
      client.send(
        new sdk.ReEncryptCommand({
          CiphertextBlob: Buffer.from(wrappedKey, 'base64'),
          SourceKeyId: from,
          SourceEncryptionContext: context,
          DestinationKeyId: to,
          DestinationEncryptionContext: context,
        }),
      ),
    );
    if (!CiphertextBlob || KeyId !== to) {
      throw new KeyStoreIntegrityError('KMS re-encrypted a data key under another key');
    }
    return Buffer.from(CiphertextBlob).toString('base64');
  }

  /**
   * A key already pending deletion (a resumed run, or a rotation racing another) answers
   * KMSInvalidStateException: then its deletion date is read back with DescribeKey.
   */
  async destroy(keyRef: string): Promise<string> {
    const { client, sdk } = await this.kms();
    try {
      const { DeletionDate } = await kmsCall('ScheduleKeyDeletion', () =>
        client.send(
          new sdk.ScheduleKeyDeletionCommand({
            KeyId: keyRef,
            PendingWindowInDays: DELETION_WINDOW_DAYS,
          }),
        ),
      );
      return this.dateOf(DeletionDate);
    } catch (error) {
      if (kmsErrorName(error) !== 'KMSInvalidStateException') {
        throw error;
      }
      const { KeyMetadata } = await kmsCall('DescribeKey', () =>
        client.send(new sdk.DescribeKeyCommand({ KeyId: keyRef })),
      );
      if (KeyMetadata?.KeyState !== 'PendingDeletion') {
        throw error;
      }
      return this.dateOf(KeyMetadata.DeletionDate);
    }
  }

  private dateOf(deletion: Date | undefined): string {
    const now = (this.options.clock ?? systemClock).now().getTime();
    return (deletion ?? new Date(now + DELETION_WINDOW_DAYS * 86_400_000)).toISOString();
  }
}
