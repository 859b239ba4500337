import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandLog } from '../../../lambdas/event-store/command-log.js';
import { DynamoDbCommandLog } from '../../../lambdas/event-store/dynamodb-command-log.js';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import {
  VersionConflictError,
  type EventStore,
  type NewEvent,
} from '../../../lambdas/event-store/event-store.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';
import { commandEntry } from '../../support/command-entries.js';
import { createTestTables } from '../../support/dynamodb.js';

const newEvent = (type = 'MoneyDeposited', amount = 100): NewEvent => ({
  eventId: randomUUID(),
  type,
  schema: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { amount, nested: { list: [1, 2] } },
  metadata: {
    actorId: 'user-1',
    commandId: randomUUID(),
    correlationId: 'c',
    causationId: 'c',
    requestId: 'r',
  },
});

const refusedOutcome = {
  kind: 'refused' as const,
  accountId: 'a',
  error: { code: 'insufficient-funds' as const, balance: 1, requested: 2 },
};

interface Contender {
  readonly store: EventStore;
  readonly log: CommandLog;
}

const contenders: [string, () => Promise<Contender>][] = [
  [
    'in memory',
    () => {
      const store = new InMemoryEventStore();
      return Promise.resolve({ store, log: store });
    },
  ],
  [
    'DynamoDB Local',
    async () => {
      const { client, names } = await createTestTables();
      const store = new DynamoDbEventStore({
        client,
        eventsTable: names.Events,
        commandsTable: names.Commands,
        ownersTable: names.Owners,
      });
      return { store, log: new DynamoDbCommandLog(client, names.Commands) };
    },
  ],
];

describe.each(contenders)('EventStore contract (%s)', (_name, create) => {
  let store: EventStore;
  let log: CommandLog;
  beforeAll(async () => {
    ({ store, log } = await create());
  });

  it('gives appended events the versions after the loaded one and loads them in order', async () => {
    const stream = randomUUID();

    await store.append({ streamId: stream, expectedVersion: 0, events: [newEvent('A', 1)] });
    await store.append({
      streamId: stream,
      expectedVersion: 1,
      events: [newEvent('B', 2), newEvent('C', 3)],
    });
    const events = await store.load(stream);

    expect(events.map((e) => [e.version, e.type, e.data['amount']])).toEqual([
      [1, 'A', 1],
      [2, 'B', 2],
      [3, 'C', 3],
    ]);
    expect(events[0]?.data).toEqual({ amount: 1, nested: { list: [1, 2] } });
    expect(events[0]?.streamId).toBe(stream);
  });

  it('loads an empty stream as no events', async () => {
    expect(await store.load(randomUUID())).toEqual([]);
  });

  it('loads a version range and honours a limit', async () => {
    const stream = randomUUID();
    await store.append({
      streamId: stream,
      expectedVersion: 0,
      events: [1, 2, 3, 4, 5].map((n) => newEvent('E', n)),
    });

    const middle = await store.load(stream, { fromVersion: 2, toVersion: 4 });
    const firstTwo = await store.load(stream, { limit: 2 });

    expect(middle.map((e) => e.version)).toEqual([2, 3, 4]);
    expect(firstTwo.map((e) => e.version)).toEqual([1, 2]);
  });

  it('rejects an append on a stale version with a conflict naming the stream and version', async () => {
    const stream = randomUUID();
    await store.append({ streamId: stream, expectedVersion: 0, events: [newEvent()] });

    const stale = store.append({ streamId: stream, expectedVersion: 0, events: [newEvent()] });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ streamId: stream, expectedVersion: 0 });
    expect(await store.load(stream)).toHaveLength(1);
  });

  it('writes nothing of a multi-event append that conflicts', async () => {
    const stream = randomUUID();
    await store.append({ streamId: stream, expectedVersion: 0, events: [newEvent(), newEvent()] });

    const stale = store.append({
      streamId: stream,
      expectedVersion: 1,
      events: [newEvent('X'), newEvent('Y')],
    });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.load(stream)).map((e) => e.type)).toEqual([
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
  });

  it('lets exactly one of two writers racing for the same version win', async () => {
    const stream = randomUUID();
    await store.append({ streamId: stream, expectedVersion: 0, events: [newEvent()] });

    const results = await Promise.allSettled([
      store.append({ streamId: stream, expectedVersion: 1, events: [newEvent('First')] }),
      store.append({ streamId: stream, expectedVersion: 1, events: [newEvent('Second')] }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(VersionConflictError);
    expect(await store.load(stream)).toHaveLength(2);
  });

  it('stores a command record atomically with its events and reads it back', async () => {
    const stream = randomUUID();
    const record = commandEntry();

    await store.append({
      streamId: stream,
      expectedVersion: 0,
      events: [newEvent()],
      command: record,
    });

    expect(await log.find(record.commandId)).toEqual(record);
  });

  it('appends nothing when the command key was recorded meanwhile, and answers that record', async () => {
    const stream = randomUUID();
    const record = commandEntry();
    expect(await log.record(record)).toBeUndefined();

    const again = await store.append({
      streamId: stream,
      expectedVersion: 0,
      events: [newEvent()],
      command: { ...record, outcome: refusedOutcome, createdAt: '2026-02-02T00:00:00.000Z' },
      owner: 'user-1',
    });

    expect(again).toEqual({ alreadyRecorded: record });
    expect(await store.load(stream)).toEqual([]);
  });

  it('keeps the first record of a command key, and answers it to the second', async () => {
    const record = commandEntry();
    await log.record(record);

    const second = await log.record({ ...record, outcome: refusedOutcome });

    expect(second).toEqual({ alreadyRecorded: record });
    expect((await log.find(record.commandId))?.outcome.kind).toBe('accepted');
  });

  it('keeps a refusal with its fields in their order', async () => {
    const record = { ...commandEntry(), outcome: refusedOutcome };
    await log.record(record);

    const found = await log.find(record.commandId);

    expect(JSON.stringify(found?.outcome)).toBe(JSON.stringify(refusedOutcome));
  });

  it('appends nothing and succeeds for an empty decision', async () => {
    const stream = randomUUID();
    await store.append({ streamId: stream, expectedVersion: 0, events: [newEvent()] });

    const appended = await store.append({ streamId: stream, expectedVersion: 1, events: [] });

    expect(appended).toEqual([]);
    expect((await store.load(stream)).map((event) => event.version)).toEqual([1]);
  });

  it('stores the command record of an empty decision alone', async () => {
    const stream = randomUUID();
    const record = commandEntry();

    await store.append({ streamId: stream, expectedVersion: 0, events: [], command: record });

    expect(await store.load(stream)).toEqual([]);
    expect(await log.find(record.commandId)).toEqual(record);
  });

  it('answers the record of an empty decision whose key was taken', async () => {
    const record = commandEntry();
    await log.record(record);

    const again = await store.append({
      streamId: randomUUID(),
      expectedVersion: 0,
      events: [],
      command: { ...record, outcome: refusedOutcome },
    });

    expect(again).toEqual({ alreadyRecorded: record });
  });

  it('answers undefined for an unknown command key', async () => {
    expect(await log.find(randomUUID())).toBeUndefined();
  });
});
