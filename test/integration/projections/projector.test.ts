import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { dispatchBatch } from '../../../lambdas/event-store/event-stream.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { streamEventOf } from '../../support/stream.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

/** An account with an opening deposit of 100 and `deposits` more deposits of 1 each. */
const accountWithHistory = async (
  deposits: number,
): Promise<{ id: string; events: RecordedEvent[] }> => {
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub: 'projected',
    body: { holderName: 'Projected Person', currency: 'EUR', initialDeposit: 100 },
  });
  const id = String(opened.body['accountId']);
  for (let i = 0; i < deposits; i += 1) {
    await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      sub: 'projected',
      body: { amount: 1 },
    });
  }
  return { id, events: await app.deps.store.load(id) };
};

const summary = async (id: string) =>
  (
    await app.deps.client.send(
      new GetCommand({
        TableName: app.deps.config.tables.AccountSummaries,
        Key: { accountId: id },
      }),
    )
  ).Item;

const ledgerVersions = async (id: string) =>
  (
    (
      await app.deps.client.send(
        new QueryCommand({
          TableName: app.deps.config.tables.Ledger,
          KeyConditionExpression: 'accountId = :id',
          ExpressionAttributeValues: { ':id': id },
        }),
      )
    ).Items ?? []
  ).map((row): unknown[] => [row['version'], row['balanceAfter']]);

const project = (events: readonly RecordedEvent[]) =>
  dispatchBatch(streamEventOf(events), app.deps.consumers);

describe('the stream consumer', () => {
  it('projects a batch into the summary and one ledger row per money movement', async () => {
    const { id, events } = await accountWithHistory(3);

    const result = await project(events);

    expect(result.batchItemFailures).toEqual([]);
    expect(await summary(id)).toMatchObject({
      balance: 103,
      version: 4,
      status: 'open',
      currency: 'EUR',
      ownerId: 'projected',
    });
    expect(await ledgerVersions(id)).toEqual([
      [1, 100],
      [2, 101],
      [3, 102],
      [4, 103],
    ]);
  });

  it('ignores a duplicate delivery', async () => {
    const { id, events } = await accountWithHistory(2);
    await project(events);

    const again = await project([...events, ...events]);

    expect(again.batchItemFailures).toEqual([]);
    expect(await summary(id)).toMatchObject({ balance: 102, version: 3 });
    expect(await ledgerVersions(id)).toHaveLength(3);
  });

  it('fills a gap from the Events table when a later version arrives first', async () => {
    const { id, events } = await accountWithHistory(4);

    const outOfOrder = await project([events[4]!, events[0]!, events[2]!]);

    expect(outOfOrder.batchItemFailures).toEqual([]);
    expect(await summary(id)).toMatchObject({ balance: 104, version: 5 });
  });

  it('replays a whole batch without changing the result', async () => {
    const { id, events } = await accountWithHistory(3);
    await project(events);
    const before = await summary(id);

    await project(events);

    expect(await summary(id)).toEqual(before);
  });

  it('reports the record whose events are not in the Events table yet, and projects the rest', async () => {
    const { id: healthy, events: healthyEvents } = await accountWithHistory(1);
    const { events } = await accountWithHistory(1);
    const phantom: RecordedEvent = { ...events[1]!, version: 9, eventId: 'phantom' };
    const event = streamEventOf([...healthyEvents, phantom]);

    const result = await dispatchBatch(event, app.deps.consumers);

    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: event.Records[2]!.dynamodb!.SequenceNumber },
    ]);
    expect(await summary(healthy)).toMatchObject({ balance: 101, version: 2 });
  });

  it('skips records that are not inserts', async () => {
    const { id, events } = await accountWithHistory(0);
    const event = streamEventOf(events);
    const modified = {
      ...event,
      Records: event.Records.map((record) => ({ ...record, eventName: 'MODIFY' as const })),
    };

    const result = await dispatchBatch(modified, app.deps.consumers);

    expect(result.batchItemFailures).toEqual([]);
    expect(await summary(id)).toBeUndefined();
  });
});
