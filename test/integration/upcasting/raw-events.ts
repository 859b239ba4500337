import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { TestApp } from '../../support/app.js';

export interface RawEvent {
  readonly accountId: string;
  readonly version: number;
  readonly type: string;
  readonly schema: number;
  readonly data: Record<string, unknown>;
  readonly occurredAt?: string;
}

/**
 * Puts an event item straight into the Events table with the low-level client, bypassing the event
 * store, as an older release of the code (or another writer) would have stored it.
 */
export const putRawEvent = async (
  app: TestApp,
  event: RawEvent,
): Promise<Record<string, AttributeValue>> => {
  const item = marshall({
    accountId: event.accountId,
    version: event.version,
    eventId: randomUUID(),
    type: event.type,
    schema: event.schema,
    occurredAt: event.occurredAt ?? new Date().toISOString(),
    data: event.data,
    metadata: {
      actorId: 'legacy-importer',
      commandId: randomUUID(),
      correlationId: 'legacy',
      causationId: 'legacy',
      requestId: 'legacy',
    },
  });
  await app.tables.raw.send(
    new PutItemCommand({
      TableName: app.tables.names.Events,
      Item: item,
      ConditionExpression: 'attribute_not_exists(version)',
    }),
  );
  return item;
};

/** The Events item exactly as stored (low-level attribute values, strongly consistent). */
export const getRawEvent = async (
  app: TestApp,
  accountId: string,
  version: number,
): Promise<Record<string, AttributeValue> | undefined> => {
  const { Item } = await app.tables.raw.send(
    new GetItemCommand({
      TableName: app.tables.names.Events,
      Key: marshall({ accountId, version }),
      ConsistentRead: true,
    }),
  );
  return Item;
};

/** A schema-1 MoneyDeposited data map: decimal major units and `balance`, from the float design. */
export const depositV1 = (amount: number, balance: number, currency = 'EUR') => ({
  amount,
  currency,
  balance,
});
