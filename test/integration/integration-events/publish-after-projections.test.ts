import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchBatch, type StreamConsumer } from '../../../lambdas/event-store/event-stream.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { AccountCurrencies } from '../../../lambdas/integration/account-currencies.js';
import type { IntegrationEvent } from '../../../lambdas/integration/contracts.js';
import type { EventPublisher } from '../../../lambdas/integration/event-publisher.js';
import { publishAfterProjections } from '../../../lambdas/integration/publish-events.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents, streamEventOf } from '../../support/stream.js';

/** Records what it is asked to publish; fails from `failAt` on when given. */
const recorder = (failAt?: number) => {
  const published: IntegrationEvent[][] = [];
  const publisher: EventPublisher = {
    publish: (events) => {
      published.push([...events]);
      return Promise.resolve(failAt !== undefined && failAt < events.length ? failAt : undefined);
    },
  };
  return { published, publisher };
};

// A projection that cannot apply the event at `version` of any account (it then reports its position).
const failingAt = (version: number): StreamConsumer => ({
  name: 'Failing',
  consume: (events) => {
    const index = events.findIndex((event) => event.version === version);
    return Promise.resolve(index < 0 ? undefined : index);
  },
});

let app: TestApp;
let events: RecordedEvent[];
let accountId: string;

beforeAll(async () => {
  app = await createTestApp();
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 10_000 },
  });
  accountId = String(opened.body['accountId']);
  for (const [path, amount] of [
    ['deposits', 5_000],
    ['withdrawals', 2_000],
  ] as const) {
    await send(app.deps, {
      method: 'POST',
      path: `/accounts/${accountId}/${path}`,
      body: { amount },
    });
  }
  events = await allEvents(app.deps);
  expect(events.map((event) => event.type)).toEqual([
    'AccountOpened',
    'MoneyDeposited',
    'MoneyWithdrawn',
  ]);
});

const run = async (
  consumers: readonly StreamConsumer[],
  publisher: EventPublisher,
  batch = events,
) => {
  const stream = streamEventOf(batch);
  const projected = await dispatchBatch(stream, consumers);
  const currencies = new AccountCurrencies(app.deps.store);
  return publishAfterProjections(stream, projected, { publisher, currencies });
};

describe('publishing after the projections of a batch', () => {
  it('publishes every event of a batch all projections took, in stream order', async () => {
    const { published, publisher } = recorder();

    await expect(run(app.deps.consumers, publisher)).resolves.toEqual({ batchItemFailures: [] });

    expect(published).toHaveLength(1);
    expect(published[0]?.map((event) => [event.type, event.accountVersion])).toEqual([
      ['ledger.account.opened.v1', 1],
      ['ledger.money.deposited.v1', 2],
      ['ledger.money.withdrawn.v1', 3],
    ]);
    expect(
      published[0]?.map((event) =>
        'balanceAfter' in event.data ? event.data.balanceAfter : undefined,
      ),
    ).toEqual([10_000, 15_000, 13_000]);
    expect(JSON.stringify(published)).not.toContain('Grace Hopper');
  });

  it('publishes only the events before the first record a projection failed, and keeps that failure', async () => {
    const { published, publisher } = recorder();

    const response = await run([...app.deps.consumers, failingAt(3)], publisher);

    expect(published.map((batch) => batch.map((event) => event.accountVersion))).toEqual([[1, 2]]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
  });

  it('publishes nothing when the first record failed', async () => {
    const { published, publisher } = recorder();

    const response = await run([failingAt(1)], publisher);

    expect(published).toEqual([]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1000' }] });
  });

  it('reports the first event the publisher could not publish, so Lambda redelivers from it', async () => {
    const { publisher } = recorder(1);

    await expect(run(app.deps.consumers, publisher)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: '1001' }],
    });
  });

  it('reports the whole batch when the publisher throws', async () => {
    const publisher: EventPublisher = { publish: () => Promise.reject(new Error('down')) };

    await expect(run(app.deps.consumers, publisher)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: '1000' }],
    });
  });

  it("reads the currency of a withdrawal from the account's opening when the batch lacks it", async () => {
    const { published, publisher } = recorder();

    await run([], publisher, events.slice(2));

    expect(published[0]?.[0]).toMatchObject({
      type: 'ledger.money.withdrawn.v1',
      accountId,
      data: { amount: 2_000, currency: 'EUR', balanceAfter: 13_000 },
    });
  });

  it('publishes the events before one whose account has no readable opening, then reports it', async () => {
    const { published, publisher } = recorder();
    const stray = {
      ...events[2],
      streamId: '0b9c2a3e-1f4d-4c5b-8a6e-000000000000',
    } as RecordedEvent;

    const response = await run([], publisher, [events[1], stray, events[2]] as RecordedEvent[]);

    expect(published.map((batch) => batch.map((event) => event.accountVersion))).toEqual([[2]]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
  });
});
