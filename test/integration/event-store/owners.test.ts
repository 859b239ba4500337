import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import type { NewEvent } from '../../../lambdas/event-store/event-store.js';
import { DynamoDbOwnerRegistry, OwnerSealedError } from '../../../lambdas/event-store/owners.js';
import { createTestTables } from '../../support/dynamodb.js';

const opened = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'AccountOpened',
  schema: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { ownerId: 'o' },
  metadata: { actorId: 'o', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
});

let store: DynamoDbEventStore;
let owners: DynamoDbOwnerRegistry;

beforeAll(async () => {
  const { client, names } = await createTestTables();
  store = new DynamoDbEventStore({
    client,
    eventsTable: names.Events,
    commandsTable: names.Commands,
    ownersTable: names.Owners,
  });
  owners = new DynamoDbOwnerRegistry(client, names.Owners);
});

describe('owner registry written with the opening (DynamoDB Local)', () => {
  it('lists every stream opened for an owner as soon as its first event is stored', async () => {
    const owner = randomUUID();
    const streams = [randomUUID(), randomUUID(), randomUUID()];

    await Promise.all(
      streams.map((streamId) =>
        store.append({ streamId, expectedVersion: 0, events: [opened()], owner }),
      ),
    );

    expect(await owners.streamsOf(owner)).toEqual([...streams].sort());
  });

  it('registers nothing for an append to an existing stream', async () => {
    const owner = randomUUID();
    const streamId = randomUUID();
    await store.append({ streamId, expectedVersion: 0, events: [opened()] });

    await store.append({ streamId, expectedVersion: 1, events: [opened()], owner });

    expect(await owners.streamsOf(owner)).toEqual([]);
  });

  it('refuses a new stream for a sealed owner and stores none of its events', async () => {
    const owner = randomUUID();
    const before = randomUUID();
    await store.append({ streamId: before, expectedVersion: 0, events: [opened()], owner });
    await owners.seal(owner, '2026-01-01T00:00:00.000Z');
    await owners.seal(owner, '2026-01-02T00:00:00.000Z');
    const after = randomUUID();

    const refused = store.append({
      streamId: after,
      expectedVersion: 0,
      events: [opened()],
      owner,
    });

    await expect(refused).rejects.toBeInstanceOf(OwnerSealedError);
    expect(await store.load(after)).toEqual([]);
    expect(await owners.streamsOf(owner)).toEqual([before]);
  });
});
