import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbCommandLog } from '../../../lambdas/event-store/dynamodb-command-log.js';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import { VersionConflictError, type NewEvent } from '../../../lambdas/event-store/event-store.js';
import { commandEntry } from '../../support/command-entries.js';

// What DynamoDB Local cannot be made to do on cue is simulated with a mocked client: it never
// reports TransactionConflict (it serialises requests), an entry does not expire (TTL) between a
// failed condition and the read after it, and nothing is throttled. The rest runs against it.
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mocked = mockClient(documentClient);
const store = new DynamoDbEventStore({
  client: documentClient,
  eventsTable: 'Events',
  commandsTable: 'Commands',
  ownersTable: 'Owners',
});

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

const entry = commandEntry({ commandId: 'c-ttl' });

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

describe('the DynamoDB command log when its put fails', () => {
  it('records the entry again when the one that held the id is gone before it is read', async () => {
    mocked.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});
    mocked.on(GetCommand).resolves({});

    const recorded = await new DynamoDbCommandLog(documentClient, 'Commands').record(entry);

    expect(recorded).toBeUndefined();
    expect(mocked.commandCalls(PutCommand)).toHaveLength(2);
    expect(mocked.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('lets any other failure through as it is', async () => {
    const failure = throttled();
    mocked.on(PutCommand).rejects(failure);

    const recorded = new DynamoDbCommandLog(documentClient, 'Commands').record(entry);

    await expect(recorded).rejects.toBe(failure);
    expect(mocked.commandCalls(PutCommand)).toHaveLength(1);
  });
});

describe('DynamoDbEventStore when a single put fails', () => {
  it('reports a failed condition as a version conflict that keeps the failure', async () => {
    const failure = conditionFailed();
    mocked.on(PutItemCommand).rejects(failure);

    const append = store.append({ streamId: 's1', expectedVersion: 3, events: [event] });

    await expect(append).rejects.toBeInstanceOf(VersionConflictError);
    await expect(append).rejects.toMatchObject({
      streamId: 's1',
      expectedVersion: 3,
      cause: failure,
    });
  });

  it('lets any other failure through as it is', async () => {
    const failure = throttled();
    mocked.on(PutItemCommand).rejects(failure);

    const append = store.append({ streamId: 's1', expectedVersion: 3, events: [event] });

    await expect(append).rejects.toBe(failure);
  });
});
