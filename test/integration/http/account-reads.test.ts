import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  openAccount as openTestAccount,
  send,
  type TestApp,
} from '../../support/app.js';
import { projectAll } from '../../support/stream.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const openAccount = (sub: string, initialDeposit = 10_000) =>
  openTestAccount(app.deps, sub, { holderName: 'Grace Hopper', initialDeposit });

const deposit = (id: string, sub: string, amount: number) =>
  send(app.deps, { method: 'POST', path: `/accounts/${id}/deposits`, sub, body: { amount } });

describe('reads over HTTP', () => {
  it('serves the projected summary with the decrypted holder name', async () => {
    const id = await openAccount('reader');
    await deposit(id, 'reader', 3_000);
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
      await deposit(id, 'pager', amount);
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
    await deposit(id, 'traveller', 1);
    const stateAt = (query?: Record<string, string>) =>
      send(app.deps, {
        method: 'GET',
        path: `/accounts/${id}/state`,
        sub: 'traveller',
        ...(query === undefined ? {} : { query }),
      });

    const atOne = await stateAt({ version: '1' });
    const latest = await stateAt();
    const beyond = await stateAt({ version: '99' });
    const before = await stateAt({ at: '2000-01-01T00:00:00Z' });
    const malformed = await stateAt({ version: '1.5' });

    expect(atOne.body).toMatchObject({
      version: 1,
      state: { balance: 10_000, holderName: 'Grace Hopper' },
    });
    expect(latest.body).toMatchObject({ version: 2, state: { balance: 10_001 } });
    expect([beyond.status, before.status, malformed.status]).toEqual([404, 404, 400]);
  });
});
