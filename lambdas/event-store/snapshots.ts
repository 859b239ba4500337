import {
  BatchWriteCommand,
  PutCommand,
  QueryCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { onConditionFailed } from '../conditional-writes.js';

/**
 * A snapshot of an account: its folded state at `version`. Snapshots hold no personal data: the
 * command path never decrypts, so personal fields in the state are always null.
 */
export interface Snapshot {
  readonly accountId: string;
  readonly version: number;
  /** The state's shape version; a snapshot of another shape is ignored and replaced. */
  readonly stateSchema: number;
  readonly state: Readonly<Record<string, unknown>>;
  /** When the event at `version` occurred (ISO-8601 UTC, as the events hold it; time travel uses it). */
  readonly occurredAt: string;
  readonly takenAt: string;
}

/** Which snapshot to find: the latest, or the latest not past a version or a time. */
export interface SnapshotTarget {
  /** The highest snapshot version at or below this one. */
  readonly version?: number;
  /** The latest snapshot whose event occurred at or before this time (ISO-8601). */
  readonly at?: string;
}

/** Where snapshots live; every snapshot is kept. Losing every snapshot changes no result, only speed. */
export interface SnapshotStore {
  /** The latest snapshot, or with a target the latest one that is not past it. */
  get(accountId: string, target?: SnapshotTarget): Promise<Snapshot | undefined>;
  /** Writes unless a snapshot of the same shape at the same version exists. */
  put(snapshot: Snapshot): Promise<void>;
  /** Deletes every snapshot of the account. */
  delete(accountId: string): Promise<void>;
}

/** The canonical ISO form of a time, so it compares with stored `occurredAt` strings. */
const isoOf = (at: string): string => new Date(Date.parse(at)).toISOString();

// DynamoDB's BatchWriteItem takes at most 25 requests.
const BATCH = 25;

/**
 * Snapshots in the Snapshots table: one item per (accountId, version), and the byTime local index
 * on occurredAt. Each lookup is one Query of one item, strongly consistent.
 */
export class DynamoDbSnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(accountId: string, target: SnapshotTarget = {}): Promise<Snapshot | undefined> {
    const { Items } = await this.client.send(new QueryCommand(this.lookup(accountId, target)));
    return Items?.[0] as Snapshot | undefined;
  }

  private lookup(accountId: string, { version, at }: SnapshotTarget): QueryCommandInput {
    const newestFirst = {
      TableName: this.table,
      ConsistentRead: true,
      ScanIndexForward: false,
      Limit: 1,
    };
    if (at !== undefined) {
      return {
        ...newestFirst,
        IndexName: 'byTime',
        KeyConditionExpression: 'accountId = :id AND occurredAt <= :at',
        ExpressionAttributeValues: { ':id': accountId, ':at': isoOf(at) },
      };
    }
    if (version !== undefined) {
      return {
        ...newestFirst,
        KeyConditionExpression: 'accountId = :id AND version <= :version',
        ExpressionAttributeValues: { ':id': accountId, ':version': version },
      };
    }
    return {
      ...newestFirst,
      KeyConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
    };
  }

  async put(snapshot: Snapshot): Promise<void> {
    await onConditionFailed(
      () =>
        this.client.send(
          new PutCommand({
            TableName: this.table,
            Item: snapshot,
            // A snapshot at a version is the same state whoever writes it: only another shape replaces it.
            ConditionExpression: 'attribute_not_exists(version) OR stateSchema <> :schema',
            ExpressionAttributeValues: { ':schema': snapshot.stateSchema },
          }),
        ),
      () => undefined,
    );
  }

  async delete(accountId: string): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'accountId = :id',
          ExpressionAttributeValues: { ':id': accountId },
          ProjectionExpression: 'accountId, version',
          ExclusiveStartKey: startKey,
        }),
      );
      await this.deleteKeys(page.Items ?? []);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private async deleteKeys(keys: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < keys.length; start += BATCH) {
      let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] | undefined = keys
        .slice(start, start + BATCH)
        .map((Key) => ({ DeleteRequest: { Key } }));
      // Unprocessed deletes (throttling) are sent again until none is left.
      while (requests?.length) {
        const result: BatchWriteCommandOutput = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.table]: requests } }),
        );
        requests = result.UnprocessedItems?.[this.table];
      }
    }
  }
}
