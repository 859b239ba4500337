import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const openAccount = async (sub = 'user-1', initialDeposit = 10_000) => {
  const response = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit },
  });
  expect(response.status).toBe(201);
  return String(response.body['accountId']);
};

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

describe('reads over HTTP', () => {
  it('serves the projected summary with the decrypted holder name', async () => {
    const id = await openAccount('reader');
    await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      sub: 'reader',
      body: { amount: 3_000 },
    });
    await projectAll(app.deps);

    const account = await send(app.deps, { method: 'GET', path: `/accounts/${id}`, sub: 'reader' });
    const list = await send(app.deps, { method: 'GET', path: '/accounts', sub: 'reader' });
    const foreign = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}`,
      sub: 'someone-else',
    });

    expect(account.body).toMatchObject({
      accountId: id,
      holderName: 'Grace Hopper',
      balance: 13_000,
      version: 2,
      status: 'open',
    });
    expect(list.body['accounts']).toEqual([
      expect.objectContaining({ accountId: id, balance: 13_000 }),
    ]);
    expect(foreign.status).toBe(404);
  });

  it('pages transactions newest first with an opaque cursor', async () => {
    const id = await openAccount('pager', 100);
    for (const amount of [1, 2, 3, 4]) {
      await send(app.deps, {
        method: 'POST',
        path: `/accounts/${id}/deposits`,
        sub: 'pager',
        body: { amount },
      });
    }
    await projectAll(app.deps);

    const first = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/transactions`,
      sub: 'pager',
      query: { limit: '3' },
    });
    const second = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/transactions`,
      sub: 'pager',
      query: { limit: '3', cursor: String(first.body['next']) },
    });
    const badCursor = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/transactions`,
      sub: 'pager',
      query: { cursor: 'zzz' },
    });

    const amounts = (body: Record<string, unknown>) =>
      (body['transactions'] as { amount: number }[]).map((row) => row.amount);
    expect(amounts(first.body)).toEqual([4, 3, 2]);
    expect(amounts(second.body)).toEqual([1, 100]);
    expect(second.body['next']).toBeUndefined();
    expect(badCursor.status).toBe(400);
  });

  it('lists the raw events with the holder name decrypted', async () => {
    const id = await openAccount('auditor');

    const response = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/events`,
      sub: 'auditor',
    });

    const events = response.body['events'] as {
      type: string;
      version: number;
      data: Record<string, unknown>;
    }[];
    expect(events.map((event) => [event.version, event.type])).toEqual([[1, 'AccountOpened']]);
    expect(events[0]?.data['holderName']).toBe('Grace Hopper');
  });

  it('rebuilds the state at a version and at a time, and 404s beyond the head', async () => {
    const id = await openAccount('traveller');
    await send(app.deps, {
      method: 'POST',
      path: `/accounts/${id}/deposits`,
      sub: 'traveller',
      body: { amount: 1 },
    });

    const atOne = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/state`,
      sub: 'traveller',
      query: { version: '1' },
    });
    const latest = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/state`,
      sub: 'traveller',
    });
    const beyond = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/state`,
      sub: 'traveller',
      query: { version: '99' },
    });
    const before = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/state`,
      sub: 'traveller',
      query: { at: '2000-01-01T00:00:00Z' },
    });
    const malformed = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${id}/state`,
      sub: 'traveller',
      query: { version: '1.5' },
    });

    expect(atOne.body).toMatchObject({
      version: 1,
      state: { balance: 10_000, holderName: 'Grace Hopper' },
    });
    expect(latest.body).toMatchObject({ version: 2, state: { balance: 10_001 } });
    expect([beyond.status, before.status, malformed.status]).toEqual([404, 404, 400]);
  });
});
