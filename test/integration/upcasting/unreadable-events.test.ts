import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UnreadableEventError, upcast } from '../../../lambdas/event-store/upcasters.js';
import { logger } from '../../../lambdas/observability.js';
import { dispatchBatch } from '../../../lambdas/event-store/event-stream.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents, streamEventOf } from '../../support/stream.js';
import { putRawEvent, type RawEvent } from './raw-events.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const openWith = async (unreadable: Omit<RawEvent, 'accountId' | 'version'>) => {
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    body: { holderName: 'Alan Turing', currency: 'EUR', initialDeposit: 500 },
  });
  const accountId = String(opened.body['accountId']);
  await putRawEvent(app, { ...unreadable, accountId, version: 2 });
  return accountId;
};

/** The answer is a generic 500, and the error behind it is the upcaster's, not an incidental one. */
const expectUnreadable500 = (
  response: { status: number; body: Record<string, unknown> },
  logged: ReturnType<typeof vi.spyOn>,
) => {
  expect(response.status).toBe(500);
  expect(response.body).toMatchObject({
    type: 'urn:problem:ledger:internal-error',
    detail: 'The request could not be completed. Quote the request id.',
  });
  expect(logged).toHaveBeenCalledWith(
    'unhandled error',
    expect.objectContaining({ errorName: 'UnreadableEventError' }),
  );
};

const cases = [
  {
    name: 'an unknown event type',
    event: { type: 'MoneyTeleported', schema: 1, data: { amount: 5 } },
    error: /Unknown event type MoneyTeleported/,
  },
  {
    name: 'a schema newer than the code',
    event: {
      type: 'MoneyDeposited',
      schema: 3,
      data: { amount: { minor: 5 }, currency: 'EUR', balanceAfter: { minor: 505 } },
    },
    error: /MoneyDeposited schema 3 is not readable by this code \(current 2\)/,
  },
] as const;

describe.each(cases)('an account holding $name', ({ event, error }) => {
  it('answers the events endpoint with a generic 500 problem, logging UnreadableEventError', async () => {
    const accountId = await openWith(event);
    const logged = vi.spyOn(logger, 'error');

    const response = await send(app.deps, { method: 'GET', path: `/accounts/${accountId}/events` });

    expectUnreadable500(response, logged);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(response.body)).not.toMatch(/MoneyTeleported|schema/);
  });

  it('answers the state endpoint with a 500 instead of a state that skips the event', async () => {
    const accountId = await openWith(event);
    const logged = vi.spyOn(logger, 'error');

    const response = await send(app.deps, { method: 'GET', path: `/accounts/${accountId}/state` });

    expectUnreadable500(response, logged);
    expect(response.body['state']).toBeUndefined();
  });

  it('refuses commands with a 500 and appends nothing', async () => {
    const accountId = await openWith(event);
    const before = (await allEvents(app.deps)).filter((e) => e.streamId === accountId);
    const logged = vi.spyOn(logger, 'error');

    const response = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${accountId}/deposits`,
      body: { amount: 1 },
    });

    expectUnreadable500(response, logged);
    const after = (await allEvents(app.deps)).filter((e) => e.streamId === accountId);
    expect(after).toEqual(before);
  });

  it('is reported in batchItemFailures by the stream consumer, never skipped', async () => {
    const accountId = await openWith(event);
    await putRawEvent(app, {
      accountId,
      version: 3,
      type: 'MoneyWithdrawn',
      schema: 1,
      data: { amount: 100, balanceAfter: 400 },
    });
    const events = (await allEvents(app.deps)).filter((e) => e.streamId === accountId);
    const batch = streamEventOf(events);

    const result = await dispatchBatch(batch, app.deps.consumers);

    const unreadable = batch.Records[1]?.dynamodb?.SequenceNumber;
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: unreadable }] });
    const summary = await app.deps.accounts.rows.summary(accountId);
    expect(summary).toMatchObject({ version: 1, balance: 500 });
    const ledger = await app.deps.accounts.rows.transactions(accountId, 10);
    expect(ledger.items.map((row) => row.version)).toEqual([1]);
  });

  it('is the stored item the upcaster rejects, with a clear message', async () => {
    const accountId = await openWith(event);
    const [stored] = (await allEvents(app.deps)).filter(
      (e) => e.streamId === accountId && e.version === 2,
    );

    expect(() => upcast(stored!)).toThrow(UnreadableEventError);
    expect(() => upcast(stored!)).toThrow(error);
  });
});
