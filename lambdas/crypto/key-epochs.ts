import {
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../conditional-writes.js';

/**
 * The id of the epoch record in SubjectKeys. It holds a control character, which no subject can
 * (the edge refuses such a `sub`), so no client can ever name, create or erase it.
 */
export const EPOCH_RECORD_ID = '\u0001kms-epoch';

/** Which epoch key wraps new data keys, and what the last rotation left to finish. */
export interface EpochRecord {
  readonly epoch: number;
  readonly keyRef: string;
  readonly startedAt: string;
  /** The key this epoch replaced, until every live subject is rewrapped and it is destroyed. */
  readonly previous?: {
    readonly keyRef: string;
    /** Set once it is scheduled for destruction (nothing live is wrapped under it any more). */
    readonly destroyedBy?: string;
  };
  /**
   * The key the next epoch will use, created ahead of the switch so that its tags have settled
   * (tag-based authorization may lag a new key's tags by up to five minutes) before any function
   * wraps under it.
   */
  readonly next?: { readonly keyRef: string; readonly createdAt: string };
}

/** A live subject's wrapped data key, as the rotation sweep reads it. */
export interface LiveWrappedKey {
  readonly subjectId: string;
  readonly keyRef: string;
  readonly wrappedKey: string;
}

/** The epoch record and the rotation's reads and writes of SubjectKeys; every write is conditional. */
export class KeyEpochsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async current(): Promise<EpochRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { subjectId: EPOCH_RECORD_ID },
        ConsistentRead: true,
      }),
    );
    return Item?.['epochRecord'] as EpochRecord | undefined;
  }

  /** Writes the first epoch; false when another writer wrote one first. */
  async begin(first: EpochRecord): Promise<boolean> {
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: { subjectId: EPOCH_RECORD_ID, status: 'epoch', epochRecord: first },
        ConditionExpression: 'attribute_not_exists(subjectId)',
      }),
    );
  }

  /** Moves from `from` to `to`; false when `from` is no longer the current epoch (a lost race). */
  async advance(from: EpochRecord, to: EpochRecord): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { subjectId: EPOCH_RECORD_ID },
        UpdateExpression: 'SET epochRecord = :to',
        ConditionExpression: 'epochRecord.epoch = :from AND epochRecord.keyRef = :fromKey',
        ExpressionAttributeValues: { ':to': to, ':from': from.epoch, ':fromKey': from.keyRef },
      }),
    );
  }

  /** Names the next epoch's key; false when the epoch moved on or another run named one first. */
  async prepare(from: EpochRecord, next: NonNullable<EpochRecord['next']>): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { subjectId: EPOCH_RECORD_ID },
        UpdateExpression: 'SET epochRecord.#next = :next',
        ConditionExpression:
          'epochRecord.epoch = :from AND epochRecord.keyRef = :fromKey AND ' +
          'attribute_not_exists(epochRecord.#next)',
        ExpressionAttributeNames: { '#next': 'next' },
        ExpressionAttributeValues: { ':next': next, ':from': from.epoch, ':fromKey': from.keyRef },
      }),
    );
  }

  /** Records that the previous epoch key is scheduled for destruction (resumes skip it). */
  async markDestroyed(record: EpochRecord, destroyedBy: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { subjectId: EPOCH_RECORD_ID },
        UpdateExpression: 'SET epochRecord.previous.destroyedBy = :by',
        ConditionExpression: 'epochRecord.epoch = :epoch',
        ExpressionAttributeValues: { ':by': destroyedBy, ':epoch': record.epoch },
      }),
    );
  }

  /**
   * A page of live subjects whose data key is still wrapped under `keyRef` (strongly consistent,
   * so a rewrap written before the scan is seen), and where the next page starts.
   */
  async liveUnder(
    keyRef: string,
    startKey?: Record<string, unknown>,
    limit = 500,
  ): Promise<{ items: LiveWrappedKey[]; next?: Record<string, unknown> }> {
    const page = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        ConsistentRead: true,
        Limit: limit,
        FilterExpression: '#status = :active AND keyRef = :key',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active', ':key': keyRef },
        ProjectionExpression: 'subjectId, keyRef, wrappedKey',
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (page.Items ?? []) as LiveWrappedKey[];
    return page.LastEvaluatedKey ? { items, next: page.LastEvaluatedKey } : { items };
  }

  /**
   * Stores a rewrapped key only if the subject is still live and still holds exactly the key that
   * was rewrapped: an erasure in between wins, and an erased subject is never rewrapped.
   */
  async rewrapped(item: LiveWrappedKey, keyRef: string, wrappedKey: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { subjectId: item.subjectId },
        UpdateExpression: 'SET keyRef = :new, wrappedKey = :wrapped',
        ConditionExpression: '#status = :active AND keyRef = :old AND wrappedKey = :was',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':new': keyRef,
          ':wrapped': wrappedKey,
          ':active': 'active',
          ':old': item.keyRef,
          ':was': item.wrappedKey,
        },
      }),
    );
  }

  private async conditional(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await (command instanceof PutCommand ? this.client.send(command) : this.client.send(command));
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return false;
      }
      throw error;
    }
  }
}
