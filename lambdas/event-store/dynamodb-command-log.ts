import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { failedConditionAt, onConditionFailed } from '../conditional-writes.js';
import type { AttributeItem } from './attribute-values.js';
import type { AlreadyRecorded, CommandEntry, CommandLog, RecordedOutcome } from './command-log.js';

// An entry is put only where its id is still free: the first outcome under an id stays. On a
// failed condition DynamoDB hands back the item that failed it (ReturnValuesOnConditionCheckFailure
// ALL_OLD, as Powertools' idempotency persistence does), so the winner is known without a read:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
const FREE_ID = 'attribute_not_exists(commandId)';

/** A malformed Commands item: neither an outcome nor a rendered response. */
export class CorruptCommandEntryError extends Error {
  override readonly name = 'CorruptCommandEntryError';
}

/**
 * The item of an entry. The outcome is one JSON string (as Powertools keeps a result), so a
 * refusal's fields come back in their order and a replay renders the same bytes; a DynamoDB map
 * does not promise an order.
 */
export const toCommandItem = ({ outcome, ...entry }: CommandEntry): Record<string, unknown> =>
  outcome.kind === 'rendered'
    ? { ...entry, status: outcome.status, headers: outcome.headers, body: outcome.body }
    : { ...entry, outcome: JSON.stringify(outcome) };

const renderedOutcome = (item: Record<string, unknown>): RecordedOutcome => {
  const { status, headers, body } = item;
  if (typeof status !== 'number' || typeof body !== 'string') {
    throw new CorruptCommandEntryError(`Command ${String(item['commandId'])} holds no outcome`);
  }
  return { kind: 'rendered', status, headers: (headers ?? {}) as Record<string, string>, body };
};

/** Reads an entry in either shape: an outcome, or a rendered response written before ADR 0131. */
export const fromCommandItem = (item: Record<string, unknown>): CommandEntry => {
  const { commandId, fingerprint, createdAt, expiresAt, outcome } = item;
  return {
    commandId: String(commandId),
    fingerprint: String(fingerprint),
    createdAt: String(createdAt),
    expiresAt: Number(expiresAt),
    outcome:
      typeof outcome === 'string'
        ? (JSON.parse(outcome) as RecordedOutcome)
        : renderedOutcome(item),
  };
};

/** The Put of an entry inside an append's transaction. */
export const commandPut = (table: string, entry: CommandEntry): TransactWriteItem => ({
  Put: {
    TableName: table,
    Item: marshall(toCommandItem(entry)),
    ConditionExpression: FREE_ID,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/** An item handed back by a failed condition, in the wire format or already unmarshalled. */
const plainItem = (item: AttributeItem | Record<string, unknown>): Record<string, unknown> =>
  typeof item['commandId'] === 'string' ? item : unmarshall(item as AttributeItem);

/**
 * Whether the entry's Put at `index` cancelled a transaction, with the item that failed it (the
 * reason's `Item`); undefined when that Put did not fail its condition.
 */
export const takenIn = (
  error: unknown,
  index: number,
): { readonly item: AttributeItem | undefined } | undefined => {
  const reason = failedConditionAt(error, index);
  return reason && { item: reason.Item };
};

/** The command log on DynamoDB's Commands table (PK `commandId`, TTL `expiresAt`). */
export class DynamoDbCommandLog implements CommandLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async find(commandId: string): Promise<CommandEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { commandId }, ConsistentRead: true }),
    );
    return Item ? fromCommandItem(Item) : undefined;
  }

  async record(entry: CommandEntry): Promise<AlreadyRecorded | undefined> {
    const put = new PutCommand({
      TableName: this.table,
      Item: toCommandItem(entry),
      ConditionExpression: FREE_ID,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    return onConditionFailed(
      async () => {
        await this.client.send(put);
        return undefined;
      },
      async (error) => {
        // Gone between the failed condition and the read (TTL): the id is free again.
        const item = error.Item as AttributeItem | Record<string, unknown> | undefined;
        return (await this.existing(entry.commandId, item)) ?? this.record(entry);
      },
    );
  }

  /**
   * The entry a failed condition returned. Without `Item` (DynamoDB returns it with ALL_OLD; this
   * is only a guard) it is read; undefined when it is gone meanwhile (TTL).
   */
  async existing(
    commandId: string,
    item: AttributeItem | Record<string, unknown> | undefined,
  ): Promise<AlreadyRecorded | undefined> {
    const entry = item ? fromCommandItem(plainItem(item)) : await this.find(commandId);
    return entry && { alreadyRecorded: entry };
  }
}
