import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * The latest snapshot of an account: its folded state at `version`. Snapshots hold no personal
 * data: the command path never decrypts, so personal fields in the state are always null.
 */
export interface Snapshot {
  readonly accountId: string;
  readonly version: number;
  /** The state's shape version; a snapshot of another shape is ignored and replaced. */
  readonly stateSchema: number;
  readonly state: Readonly<Record<string, unknown>>;
  /** When the event at `version` occurred (time travel uses it). */
  readonly occurredAt: string;
  readonly takenAt: string;
}

/** Where snapshots live. Losing every snapshot changes no result, only speed. */
export interface SnapshotStore {
  get(accountId: string): Promise<Snapshot | undefined>;
  /** Writes unless a snapshot of the same shape at the same or a later version exists. */
  put(snapshot: Snapshot): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** Snapshots in the Snapshots table, one item per account, never regressing. */
export class DynamoDbSnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(accountId: string): Promise<Snapshot | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { accountId }, ConsistentRead: true }),
    );
    return Item as Snapshot | undefined;
  }

  async put(snapshot: Snapshot): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: snapshot,
          // Never regress: only replace an older snapshot, or one of another state shape.
          ConditionExpression:
            'attribute_not_exists(accountId) OR version < :version OR stateSchema <> :schema',
          ExpressionAttributeValues: {
            ':version': snapshot.version,
            ':schema': snapshot.stateSchema,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
    }
  }

  async delete(accountId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { accountId } }));
  }
}

/** The same semantics in memory, for unit tests. */
export class InMemorySnapshotStore implements SnapshotStore {
  readonly items = new Map<string, Snapshot>();

  get(accountId: string): Promise<Snapshot | undefined> {
    return Promise.resolve(structuredClone(this.items.get(accountId)));
  }

  put(snapshot: Snapshot): Promise<void> {
    const existing = this.items.get(snapshot.accountId);
    const newer = !existing || existing.version < snapshot.version;
    if (newer || existing.stateSchema !== snapshot.stateSchema) {
      this.items.set(snapshot.accountId, structuredClone(snapshot));
    }
    return Promise.resolve();
  }

  delete(accountId: string): Promise<void> {
    this.items.delete(accountId);
    return Promise.resolve();
  }
}
