import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { dynamoDbEventScan } from '../../../lambdas/projections/rebuild-scan.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';

let tables: TestTables;
let store: DynamoDbEventStore;

beforeAll(async () => {
  tables = await createTestTables();
  store = new DynamoDbEventStore({
    client: tables.client,
    eventsTable: tables.names.Events,
    commandsTable: tables.names.Commands,
    ownersTable: tables.names.Owners,
  });
});

// What the store wrote before ADR 0160, byte for byte as the document client marshalled it.
const legacyItem = (accountId: string) => ({
  accountId: { S: accountId },
  version: { N: '1' },
  eventId: { S: 'e-legacy' },
  type: { S: 'MoneyDeposited' },
  schema: { N: '1' },
  occurredAt: { S: '2025-06-01T08:00:00.000Z' },
  data: { M: { amount: { N: '12.5' }, currency: { S: 'EUR' }, balance: { N: '12.5' } } },
  metadata: {
    M: {
      actorId: { S: 'system:ledger' },
      commandId: { S: 'c-legacy' },
      correlationId: { S: 'r-legacy' },
      causationId: { S: 'c-legacy' },
      requestId: { S: 'r-legacy' },
    },
  },
});

const legacyEvent = (accountId: string): RecordedEvent => ({
  streamId: accountId,
  version: 1,
  eventId: 'e-legacy',
  type: 'MoneyDeposited',
  schema: 1,
  occurredAt: '2025-06-01T08:00:00.000Z',
  data: { amount: 12.5, currency: 'EUR', balance: 12.5 },
  metadata: {
    actorId: 'system:ledger',
    commandId: 'c-legacy',
    correlationId: 'r-legacy',
    causationId: 'c-legacy',
    requestId: 'r-legacy',
  },
});

describe('Events items in DynamoDB Local (ADR 0160)', () => {
  it('loads an item of the old layout, written raw, beside new ones appended after it', async () => {
    const accountId = randomUUID();
    await tables.raw.send(
      new PutItemCommand({ TableName: tables.names.Events, Item: legacyItem(accountId) }),
    );
    const next = { ...legacyEvent(accountId), eventId: 'e-new', schema: 2 };
    const { streamId: _s, version: _v, ...newEvent } = next;

    await store.append({ streamId: accountId, expectedVersion: 1, events: [newEvent] });

    expect(await store.load(accountId)).toEqual([legacyEvent(accountId), { ...next, version: 2 }]);
  });

  it('reads the old layout in a rebuild scan too', async () => {
    const accountId = randomUUID();
    await tables.raw.send(
      new PutItemCommand({ TableName: tables.names.Events, Item: legacyItem(accountId) }),
    );
    const scan = dynamoDbEventScan({ client: tables.client, table: tables.names.Events });

    const seen: RecordedEvent[] = [];
    for await (const page of scan.segment(0, 1)) {
      seen.push(...page.filter((event) => event.streamId === accountId));
    }

    expect(seen).toEqual([legacyEvent(accountId)]);
  });

  it('writes the envelope as one meta string a person can read in the table', async () => {
    const accountId = randomUUID();
    const { streamId: _s, version: _v, ...event } = legacyEvent(accountId);
    await store.append({ streamId: accountId, expectedVersion: 0, events: [event] });

    const { Item } = await tables.raw.send(
      new GetItemCommand({
        TableName: tables.names.Events,
        Key: { accountId: { S: accountId }, version: { N: '1' } },
      }),
    );

    expect(Object.keys(Item ?? {}).sort()).toEqual([
      'accountId',
      'data',
      'meta',
      'type',
      'version',
    ]);
    expect(Item?.['meta']?.S).toBe(
      'at=2025-06-01T08:00:00.000Z s=1 id=e-legacy actor=system:ledger cmd=c-legacy req=r-legacy',
    );
  });
});
