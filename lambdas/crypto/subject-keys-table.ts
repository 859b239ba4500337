import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { KeyStoreIntegrityError } from './errors.js';
import { EPOCH_RECORD_ID } from './key-epochs.js';
import {
  failedConditionAt,
  isConditionalCheckFailed,
  isTransactionCanceled,
} from '../conditional-writes.js';

/** A subject with a usable data key. `wrappedKey` is the data key wrapped by `keyRef`. */
export interface ActiveSubjectKey {
  readonly subjectId: string;
  readonly status: 'active';
  readonly keyRef: string;
  readonly keyId: string;
  readonly wrappedKey: string;
  readonly createdAt: string;
}

/** An erased subject: a permanent marker with no wrapped key. */
export interface ErasedSubjectKey {
  readonly subjectId: string;
  readonly status: 'erased';
  readonly erasedAt: string;
  /** The master key that wrapped the data key, kept so a retried erasure can retire it. */
  readonly keyRef?: string;
  readonly keyRetiredAt?: string;
}

export type SubjectKeyRecord = ActiveSubjectKey | ErasedSubjectKey;

const text = (item: Record<string, unknown>, name: string): string => {
  const value = item[name];
  if (typeof value !== 'string' || value === '') {
    throw new KeyStoreIntegrityError(`SubjectKeys item lacks a valid ${name}`);
  }
  return value;
};

const optionalText = (item: Record<string, unknown>, name: string): { [key: string]: string } =>
  typeof item[name] === 'string' ? { [name]: text(item, name) } : {};

const fromItem = (item: Record<string, unknown>): SubjectKeyRecord => {
  const subjectId = text(item, 'subjectId');
  if (item['status'] === 'erased') {
    return {
      subjectId,
      status: 'erased',
      erasedAt: text(item, 'erasedAt'),
      ...optionalText(item, 'keyRef'),
      ...optionalText(item, 'keyRetiredAt'),
    };
  }
  if (item['status'] !== 'active') {
    throw new KeyStoreIntegrityError('SubjectKeys item has an unknown status');
  }
  return {
    subjectId,
    status: 'active',
    keyRef: text(item, 'keyRef'),
    keyId: text(item, 'keyId'),
    wrappedKey: text(item, 'wrappedKey'),
    createdAt: text(item, 'createdAt'),
  };
};

/** The SubjectKeys table (PK subjectId): every write is conditional, so erasure always wins. */
export class SubjectKeysTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reads a subject's record, strongly consistent (an erasure must be seen at once). */
  async get(subjectId: string): Promise<SubjectKeyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { subjectId }, ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  /** Stores a new key only where the subject has no record at all; false when one exists. */
  async create(record: ActiveSubjectKey): Promise<boolean> {
    try {
      // attribute_not_exists: an erased marker is a record too, so it blocks re-creation for good.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          ConditionExpression: 'attribute_not_exists(subjectId)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return false;
      }
      throw error;
    }
  }

  /**
   * `kms-epoch`: stores a new key only where the subject has no record and only while the epoch
   * whose key wrapped it is still current, in one transaction. A writer that read the epoch just
   * before a rotation switched it cannot leave a subject under the old key after the sweep.
   */
  async createUnderEpoch(record: ActiveSubjectKey): Promise<'created' | 'exists' | 'stale-epoch'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: { subjectId: EPOCH_RECORD_ID },
                ConditionExpression: 'epochRecord.keyRef = :key',
                ExpressionAttributeValues: { ':key': record.keyRef },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: record,
                ConditionExpression: 'attribute_not_exists(subjectId)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (!isTransactionCanceled(error)) {
        throw error;
      }
      // Item 0 is the epoch's ConditionCheck; any other cancellation answers 'exists' (the caller
      // then reads whatever record is there).
      return failedConditionAt(error, 0) ? 'stale-epoch' : 'exists';
    }
  }

  /**
   * Marks the subject erased and removes its wrapped key in one conditional write. It also writes a
   * marker for a subject that never had a key, so none can be created later. Returns the record it
   * replaced (undefined when there was none), or null when the subject was already erased.
   */
  async markErased(
    subjectId: string,
    erasedAt: string,
  ): Promise<SubjectKeyRecord | undefined | null> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { subjectId },
          UpdateExpression: 'SET #status = :erased, erasedAt = :at REMOVE wrappedKey',
          ConditionExpression: 'attribute_not_exists(subjectId) OR #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':erased': 'erased', ':active': 'active', ':at': erasedAt },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return null;
      }
      throw error;
    }
  }

  /** Records that an erased subject's master key was retired (so retries skip the KMS calls). */
  async markRetired(subjectId: string, retiredAt: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { subjectId },
        UpdateExpression: 'SET keyRetiredAt = :at',
        ConditionExpression: '#status = :erased',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':erased': 'erased', ':at': retiredAt },
      }),
    );
  }
}
