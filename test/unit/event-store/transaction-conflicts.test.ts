import {
  DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import { VersionConflictError, type NewEvent } from '../../../lambdas/event-store/event-store.js';

// DynamoDB Local never reports TransactionConflict (it serialises requests), so this one AWS
// behaviour is simulated with a mocked client; everything else runs against DynamoDB Local.
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mocked = mockClient(documentClient);
const store = new DynamoDbEventStore({
  client: documentClient,
  eventsTable: 'Events',
  commandsTable: 'Commands',
  ownersTable: 'Owners',
});

const event: NewEvent = {
  eventId: 'e1',
  type: 'MoneyDeposited',
  schema: 2,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { amount: 1, currency: 'EUR', balanceAfter: 1 },
  metadata: { actorId: 'a', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
};

afterEach(() => {
  mocked.reset();
});

describe('DynamoDbEventStore under transaction contention (AWS only)', () => {
  it('reports a put that met a concurrent transaction as a version conflict', async () => {
    mocked
      .on(PutItemCommand)
      .rejects(new TransactionConflictException({ message: 'busy', $metadata: {} }));

    const append = store.append({ streamId: 's1', expectedVersion: 3, events: [event] });

    await expect(append).rejects.toBeInstanceOf(VersionConflictError);
    await expect(append).rejects.toMatchObject({ streamId: 's1', expectedVersion: 3 });
  });

  it('reports a transaction cancelled for TransactionConflict as a version conflict', async () => {
    mocked.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      }),
    );

    const append = store.append({
      streamId: 's1',
      expectedVersion: 0,
      events: [event, { ...event, eventId: 'e2' }],
    });

    await expect(append).rejects.toBeInstanceOf(VersionConflictError);
  });
});
