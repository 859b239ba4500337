import {
  PutItemCommand,
  QueryCommand,
  TransactionConflictException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../conditional-writes.js';
import type { AttributeItem } from './attribute-values.js';
import type { AlreadyRecorded } from './command-log.js';
import { commandPut, DynamoDbCommandLog, takenIn } from './dynamodb-command-log.js';
import { fromEventItem, toEventItem } from './event-item.js';
import { registerStreamItem } from './owners.js';
import { transactionError, type AppendItem } from './transaction-errors.js';
import {
  VersionConflictError,
  versioned,
  type AppendRequest,
  type EventStore,
  type RecordedEvent,
  type VersionRange,
} from './event-store.js';

export interface DynamoDbEventStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly eventsTable: string;
  readonly commandsTable: string;
  /** Where a new stream's owner is registered, in the transaction of its first event. */
  readonly ownersTable: string;
}

// Each event is put only where its (accountId, version) key is still free. Versions are the loaded
// head + 1, + 2, ..., so a concurrent writer that appended first makes this condition fail.
const FREE_VERSION = 'attribute_not_exists(version)';

/**
 * Event store on DynamoDB: one item per event, keyed by accountId (PK) and version (SK). Events go
 * over the wire as hand-built AttributeValues (event-item.ts), so the document client's marshalling
 * stays off the hot path (it sends low-level commands unchanged). A command's entry goes into the
 * Commands table in the same transaction (dynamodb-command-log.ts holds its shape).
 */
export class DynamoDbEventStore implements EventStore {
  private readonly log: DynamoDbCommandLog;

  constructor(private readonly options: DynamoDbEventStoreOptions) {
    this.log = new DynamoDbCommandLog(options.client, options.commandsTable);
  }

  async load(streamId: string, range: VersionRange = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let startKey: AttributeItem | undefined;
    do {
      const page = await this.options.client.send(
        this.queryPage(streamId, range, startKey, range.limit && range.limit - events.length),
      );
      events.push(...(page.Items ?? []).map(fromEventItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (range.limit === undefined || events.length < range.limit));
    return events;
  }

  private queryPage(
    streamId: string,
    { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER }: VersionRange,
    startKey: AttributeItem | undefined,
    limit: number | undefined,
  ): QueryCommand {
    return new QueryCommand({
      TableName: this.options.eventsTable,
      KeyConditionExpression: 'accountId = :id AND version BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':id': { S: streamId },
        ':from': { N: String(fromVersion) },
        ':to': { N: String(toVersion) },
      },
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
      ...(limit === undefined ? {} : { Limit: limit }),
    });
  }

  async append(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded> {
    const events = versioned(request);
    if (events.length === 0) {
      // An empty decision (already applied) appends nothing; TransactWriteItems refuses no items.
      return (await this.recordAlone(request)) ?? events;
    }
    const [single] = events;
    // One event without an idempotency record or owner needs no transaction (it costs 2x).
    if (single && events.length === 1 && !request.command && !this.ownerOf(request)) {
      await this.putEvent(single, request);
      return events;
    }
    return (await this.transact(events, request)) ?? events;
  }

  private async recordAlone(request: AppendRequest): Promise<AlreadyRecorded | undefined> {
    return request.command ? this.log.record(request.command) : undefined;
  }

  private async putEvent(event: RecordedEvent, request: AppendRequest): Promise<void> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.eventsTable,
          Item: toEventItem(event),
          ConditionExpression: FREE_VERSION,
        }),
      );
    } catch (error) {
      // A put on an item that a concurrent transaction is writing fails with TransactionConflict:
      // another writer is taking the version, so it is a version conflict (reload and retry).
      if (isConditionalCheckFailed(error) || error instanceof TransactionConflictException) {
        throw new VersionConflictError(request.streamId, request.expectedVersion, { cause: error });
      }
      throw error;
    }
  }

  /** Writes events, entry and owner in one transaction; the entry there instead, if it was taken. */
  private async transact(
    events: readonly RecordedEvent[],
    request: AppendRequest,
  ): Promise<AlreadyRecorded | undefined> {
    const puts: TransactWriteItem[] = events.map((event) => ({
      Put: {
        TableName: this.options.eventsTable,
        Item: toEventItem(event),
        ConditionExpression: FREE_VERSION,
      },
    }));
    const command: TransactWriteItem[] = request.command
      ? [commandPut(this.options.commandsTable, request.command)]
      : [];
    const owner = this.ownerOf(request);
    const registration: TransactWriteItem[] = owner
      ? [registerStreamItem(this.options.ownersTable, owner, request.streamId)]
      : [];
    const items: AppendItem[] = [
      ...puts.map(() => 'event' as const),
      ...command.map(() => 'command' as const),
      ...registration.map(() => 'owner' as const),
    ];
    try {
      await this.options.client.send(
        new TransactWriteItemsCommand({ TransactItems: [...puts, ...command, ...registration] }),
      );
      return undefined;
    } catch (error) {
      const taken = request.command && takenIn(error, puts.length);
      const recorded = taken && (await this.log.existing(request.command.commandId, taken.item));
      if (recorded) {
        return recorded;
      }
      throw transactionError(error, items, request);
    }
  }

  /** Only a new stream registers its owner. */
  private ownerOf(request: AppendRequest): string | undefined {
    return request.expectedVersion === 0 ? request.owner : undefined;
  }
}
