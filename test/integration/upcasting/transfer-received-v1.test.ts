import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { projectAll } from '../../support/stream.js';
import { getRawEvent, putRawEvent } from './raw-events.js';

// Releases before ADR 0150 stored TransferReceived (schema 1) without the receiver's reference.
// Such items are seeded straight into DynamoDB Local; every reader must see schema 2, without one.
let app: TestApp;
let accountId: string;
const transferId = randomUUID();
const fromAccountId = randomUUID();

beforeAll(async () => {
  app = await createTestApp();
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    body: { holderName: 'Grace Hopper', currency: 'EUR' },
  });
  accountId = String(opened.body['accountId']);
  await putRawEvent(app, {
    accountId,
    version: 2,
    type: 'TransferReceived',
    schema: 1,
    data: { transferId, fromAccountId, amount: 700, balanceAfter: 700 },
  });
  expect(await projectAll(app.deps)).toEqual({ batchItemFailures: [] });
});

describe('TransferReceived stored at schema 1', () => {
  it('is served by the events endpoint as schema 2 without a reference', async () => {
    const response = await send(app.deps, { method: 'GET', path: `/accounts/${accountId}/events` });

    const events = response.body['events'] as Record<string, unknown>[];
    expect(events[1]).toMatchObject({
      version: 2,
      schema: 2,
      personalDataErased: false,
      data: { transferId, fromAccountId, amount: 700, balanceAfter: 700 },
    });
    expect(events[1]?.['data']).not.toHaveProperty('reference');
  });

  it('credits the balance and shows in the transactions without a reference', async () => {
    const deposit = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${accountId}/deposits`,
      body: { amount: 1 },
    });
    await projectAll(app.deps);
    const rows = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${accountId}/transactions`,
    });

    expect(deposit.body['balance']).toBe(701);
    const received = (rows.body['transactions'] as Record<string, unknown>[]).find(
      (row) => row['type'] === 'TransferReceived',
    );
    expect(received).toMatchObject({ transferId, amount: 700, direction: 'credit' });
    expect(received).not.toHaveProperty('reference');
  });

  it('stays stored as it was written', async () => {
    const stored = await getRawEvent(app, accountId, 2);

    expect(stored?.['schema']).toEqual({ N: '1' });
  });
});
