import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { fromCommandItem, fromEventItem, toEventItem } from './event-item.js';
import {
  CommandAlreadyRecordedError,
  VersionConflictError,
  versioned,
  type AppendRequest,
  type CommandRecord,
  type EventStore,
  type RecordedEvent,
  type VersionRange,
} from './event-store.js';

export interface DynamoDbEventStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly eventsTable: string;
  readonly commandsTable: string;
}

// Each event is put only where its (accountId, version) key is still free. Versions are the loaded
// head + 1, + 2, ..., so a concurrent writer that appended first makes this condition fail.
const FREE_VERSION = 'attribute_not_exists(version)';
const FREE_COMMAND = 'attribute_not_exists(commandId)';

/** Event store on DynamoDB: one item per event, keyed by accountId (PK) and version (SK). */
export class DynamoDbEventStore implements EventStore {
  constructor(private readonly options: DynamoDbEventStoreOptions) {}

  async load(streamId: string, range: VersionRange = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
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
    startKey: Record<string, unknown> | undefined,
    limit: number | undefined,
  ): QueryCommand {
    return new QueryCommand({
      TableName: this.options.eventsTable,
      KeyConditionExpression: 'accountId = :id AND version BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':id': streamId, ':from': fromVersion, ':to': toVersion },
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
      ...(limit === undefined ? {} : { Limit: limit }),
    });
  }

  async append(request: AppendRequest): Promise<RecordedEvent[]> {
    const events = versioned(request);
    if (events.length === 0) {
      // An empty decision (already applied) appends nothing; TransactWriteItems refuses no items.
      if (request.command) {
        await this.recordCommand(request.command);
      }
      return events;
    }
    const [single] = events;
    // One event without an idempotency record needs no transaction (a transaction costs 2x).
    if (single && events.length === 1 && !request.command) {
      await this.putEvent(single, request);
      return events;
    }
    await this.transact(events, request);
    return events;
  }

  async getCommand(commandId: string): Promise<CommandRecord | undefined> {
    const { Item } = await this.options.client.send(
      new GetCommand({
        TableName: this.options.commandsTable,
        Key: { commandId },
        ConsistentRead: true,
      }),
    );
    return Item ? fromCommandItem(Item) : undefined;
  }

  async recordCommand(command: CommandRecord): Promise<void> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.commandsTable,
          Item: command,
          ConditionExpression: FREE_COMMAND,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new CommandAlreadyRecordedError(command.commandId, { cause: error });
      }
      throw error;
    }
  }

  private async putEvent(event: RecordedEvent, request: AppendRequest): Promise<void> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.eventsTable,
          Item: toEventItem(event),
          ConditionExpression: FREE_VERSION,
        }),
      );
    } catch (error) {
      // A put on an item that a concurrent transaction is writing fails with TransactionConflict:
      // another writer is taking the version, so it is a version conflict (reload and retry).
      if (
        error instanceof ConditionalCheckFailedException ||
        error instanceof TransactionConflictException
      ) {
        throw new VersionConflictError(request.streamId, request.expectedVersion, { cause: error });
      }
      throw error;
    }
  }

  private async transact(events: readonly RecordedEvent[], request: AppendRequest): Promise<void> {
    const puts = events.map((event) => ({
      Put: {
        TableName: this.options.eventsTable,
        Item: toEventItem(event),
        ConditionExpression: FREE_VERSION,
      },
    }));
    const command = request.command
      ? [
          {
            Put: {
              TableName: this.options.commandsTable,
              Item: request.command,
              ConditionExpression: FREE_COMMAND,
            },
          },
        ]
      : [];
    try {
      await this.options.client.send(
        new TransactWriteCommand({ TransactItems: [...puts, ...command] }),
      );
    } catch (error) {
      throw this.transactionError(error, events.length, request);
    }
  }

  /** Names which condition cancelled the transaction: an event's version or the command's key. */
  private transactionError(error: unknown, eventCount: number, request: AppendRequest): unknown {
    if (!(error instanceof TransactionCanceledException)) {
      return error;
    }
    const reasons = error.CancellationReasons ?? [];
    const failed = (index: number): boolean => reasons[index]?.Code === 'ConditionalCheckFailed';
    // TransactionConflict: another transaction was writing one of the items at the same moment.
    // Retrying after a reload settles it: the version is taken, or the key is recorded, or neither.
    const contended = reasons.some((reason) => reason.Code === 'TransactionConflict');
    if (contended || reasons.slice(0, eventCount).some((_, index) => failed(index))) {
      return new VersionConflictError(request.streamId, request.expectedVersion, { cause: error });
    }
    if (request.command && failed(eventCount)) {
      return new CommandAlreadyRecordedError(request.command.commandId, { cause: error });
    }
    return error;
  }
}
