import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  openAccount as openTestAccount,
  send,
  type TestApp,
} from '../../support/app.js';
import { allEvents } from '../../support/stream.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const openAccount = (sub = 'user-1', initialDeposit = 10_000) =>
  openTestAccount(app.deps, sub, { holderName: 'Grace Hopper', initialDeposit });

describe('account commands over HTTP', () => {
  it('opens an account with 201, Location, ETag and the initial balance', async () => {
    const response = await send(app.deps, {
      method: 'POST',
      path: '/accounts',
      body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 10_000 },
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      version: 1,
      balance: 10_000,
      currency: 'EUR',
      status: 'open',
    });
    expect(response.headers['location']).toBe(`/accounts/${String(response.body['accountId'])}`);
    expect(response.headers['etag']).toBe('"1"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('walks deposit, withdrawal and a refused overdraft', async () => {
    const id = await openAccount();

    const deposit = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      body: { amount: 5_000 },
    });
    const withdrawal = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/withdrawals`,
      body: { amount: 2_000 },
    });
    const overdraft = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/withdrawals`,
      body: { amount: 50_000 },
    });

    expect(deposit.body).toMatchObject({ balance: 15_000, version: 2 });
    expect(withdrawal.body).toMatchObject({ balance: 13_000, version: 3 });
    expect(overdraft.status).toBe(409);
    expect(overdraft.headers['content-type']).toBe('application/problem+json');
    expect(overdraft.body).toMatchObject({
      type: 'urn:problem:ledger:insufficient-funds',
      status: 409,
      balance: 13_000,
      requested: 50_000,
    });
  });

  it("answers another user's account as 404 and writes nothing", async () => {
    const id = await openAccount('owner-a');
    const before = (await allEvents(app.deps)).length;

    const response = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      sub: 'intruder',
      body: { amount: 1 },
    });

    expect(response.status).toBe(404);
    expect(response.body['code']).toBe('account-not-found');
    expect((await allEvents(app.deps)).length).toBe(before);
  });

  it('closes an emptied account and refuses later commands with 409 account-closed', async () => {
    const id = await openAccount('closer', 0);

    const closed = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/close`,
      sub: 'closer',
    });
    const later = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      sub: 'closer',
      body: { amount: 1 },
    });

    expect(closed.status).toBe(200);
    expect(closed.body['status']).toBe('closed');
    expect(later.status).toBe(409);
    expect(later.body['code']).toBe('account-closed');
  });

  it.each([
    ['a fractional amount', { amount: 10.5 }],
    ['a negative amount', { amount: -5 }],
    ['a zero amount', { amount: 0 }],
    ['a string amount', { amount: '100' }],
    ['a huge amount', { amount: 1e300 }],
    ['an unknown field', { amount: 5, note: 'x' }],
    ['a missing amount', {}],
  ])('rejects %s with 400 problem+json', async (_case, body) => {
    const id = await openAccount();
    const before = (await allEvents(app.deps)).length;

    const response = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      body,
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(String(response.body['detail']).length).toBeGreaterThan(5);
    expect((await allEvents(app.deps)).length).toBe(before);
  });

  it('rejects malformed JSON, wrong media types, oversized bodies and bad ids', async () => {
    const id = await openAccount();

    const badJson = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      rawBody: '{"amount":',
    });
    const wrongType = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      rawBody: 'amount=5',
      headers: { 'content-type': 'text/plain' },
    });
    const huge = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      rawBody: JSON.stringify({ amount: 1, pad: 'x'.repeat(20_000) }),
    });
    const badId = await send(app.deps, {
      method: 'POST',
      path: '/accounts/not-an-id/deposits',
      body: { amount: 1 },
    });

    expect([badJson.status, wrongType.status, huge.status, badId.status]).toEqual([
      400, 415, 413, 400,
    ]);
  });

  it('never echoes the holder name in a validation problem', async () => {
    const response = await send(app.deps, {
      method: 'POST',
      path: '/accounts',
      body: { holderName: 'Secret\u0007Name', currency: 'EUR' },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('Secret');
  });

  it('stores the holder name only as ciphertext', async () => {
    const id = await openAccount('cipher-user');

    const events = await allEvents(app.deps);
    const opening = events.find((event) => event.streamId === id && event.version === 1);

    expect(JSON.stringify(opening)).not.toContain('Grace');
    expect(opening?.data['holderName']).toMatchObject({ v: 1 });
  });
});
