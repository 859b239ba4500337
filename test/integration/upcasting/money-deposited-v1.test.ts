import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp, type TestResponse } from '../../support/app.js';
import { projectAll } from '../../support/stream.js';
import { depositV1, getRawEvent, putRawEvent } from './raw-events.js';

// The first, float-based release stored MoneyDeposited (schema 1) as decimal major units with a
// `balance` field. Such items are seeded straight into DynamoDB Local; every reader must see schema 2.
let app: TestApp;
let accountId: string;
const stored = new Map<number, Record<string, AttributeValue>>();
let deposit: TestResponse;
let overdraft: TestResponse;

const get = (path: string, query?: Record<string, string>) =>
  send(app.deps, { method: 'GET', path, ...(query ? { query } : {}) });

beforeAll(async () => {
  app = await createTestApp();
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    body: { holderName: 'Ada Lovelace', currency: 'EUR' },
  });
  expect(opened.body['version']).toBe(1);
  accountId = String(opened.body['accountId']);
  const legacy = [depositV1(12.34, 12.34), depositV1(0.1, 12.44), depositV1(0.2, 12.64)];
  for (const [index, data] of legacy.entries()) {
    const version = index + 2;
    stored.set(
      version,
      await putRawEvent(app, { accountId, version, type: 'MoneyDeposited', schema: 1, data }),
    );
  }
  deposit = await send(app.deps, {
    method: 'POST',
    path: `/accounts/${accountId}/deposits`,
    body: { amount: 100 },
  });
  overdraft = await send(app.deps, {
    method: 'POST',
    path: `/accounts/${accountId}/withdrawals`,
    body: { amount: 1_365 },
  });
  expect(await projectAll(app.deps)).toEqual({ batchItemFailures: [] });
});

describe('MoneyDeposited stored at schema 1', () => {
  it('is served by the events endpoint as schema 2 in integer minor units', async () => {
    const response = await get(`/accounts/${accountId}/events`);

    expect(response.status).toBe(200);
    const events = response.body['events'] as { version: number; schema: number; data: unknown }[];
    expect(events.map(({ version, schema, data }) => ({ version, schema, data }))).toEqual([
      expect.objectContaining({ version: 1, schema: 1 }),
      {
        version: 2,
        schema: 2,
        data: { amount: 1_234, currency: 'EUR', balanceAfter: 1_234 },
      },
      { version: 3, schema: 2, data: { amount: 10, currency: 'EUR', balanceAfter: 1_244 } },
      { version: 4, schema: 2, data: { amount: 20, currency: 'EUR', balanceAfter: 1_264 } },
      { version: 5, schema: 2, data: { amount: 100, currency: 'EUR', balanceAfter: 1_364 } },
    ]);
  });

  it('is decided on by commands: the balance continues in minor units', () => {
    expect(deposit.status).toBe(200);
    expect(deposit.body).toMatchObject({ accountId, version: 5, balance: 1_364 });
    expect(overdraft.status).toBe(409);
    expect(overdraft.body).toMatchObject({
      type: 'urn:problem:ledger:insufficient-funds',
      balance: 1_364,
      requested: 1_365,
    });
  });

  it('is projected into the summary and ledger rows in minor units', async () => {
    const summary = await get(`/accounts/${accountId}`);
    const ledger = await get(`/accounts/${accountId}/transactions`);

    expect(summary.body).toMatchObject({
      accountId,
      holderName: 'Ada Lovelace',
      balance: 1_364,
      version: 5,
    });
    expect(ledger.body['transactions']).toEqual([
      expect.objectContaining({ version: 5, amount: 100, balanceAfter: 1_364 }),
      expect.objectContaining({ version: 4, amount: 20, balanceAfter: 1_264 }),
      expect.objectContaining({ version: 3, amount: 10, balanceAfter: 1_244 }),
      expect.objectContaining({ version: 2, amount: 1_234, balanceAfter: 1_234 }),
    ]);
  });

  it('is folded into the state at the head and at an older version', async () => {
    const head = await get(`/accounts/${accountId}/state`);
    const atThree = await get(`/accounts/${accountId}/state`, { version: '3' });

    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ version: 5, state: { balance: 1_364, currency: 'EUR' } });
    expect(atThree.body).toMatchObject({ version: 3, state: { balance: 1_244 } });
  });

  it('is never rewritten: the stored items keep schema 1 and their decimal amounts', async () => {
    for (const [version, item] of stored) {
      expect(await getRawEvent(app, accountId, version)).toEqual(item);
    }
    expect((await getRawEvent(app, accountId, 2))?.['schema']).toEqual({ N: '1' });
    expect((await getRawEvent(app, accountId, 2))?.['data']).toEqual({
      M: { amount: { N: '12.34' }, currency: { S: 'EUR' }, balance: { N: '12.34' } },
    });
  });
});
