import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../e2e/support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api.stop();
});

const body = async (response: Response) => (await response.json()) as Record<string, unknown>;

const open = async (sub: string, initialDeposit: number): Promise<string> => {
  const response = await api.call('POST', '/accounts', {
    sub,
    body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit },
  });
  expect(response.status).toBe(201);
  return String((await body(response))['accountId']);
};

/** Reads the transfer until the poller-driven process has settled it (or 20 s pass). */
const settled = async (sub: string, id: string): Promise<Record<string, unknown>> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await api.runtime.whenIdle();
    const response = await api.call('GET', `/transfers/${id}`, { sub });
    const view = response.status === 200 ? await body(response) : {};
    if (view['status'] === 'completed' || view['status'] === 'reversed' || Date.now() > deadline) {
      return view;
    }
  }
};

const balance = async (sub: string, accountId: string): Promise<unknown> =>
  (await body(await api.call('GET', `/accounts/${accountId}`, { sub })))['balance'];

describe('transfers through the local runtime and its stream poller', () => {
  it('completes a transfer and shows both balances moved', async () => {
    const from = await open('local-alice', 10_000);
    const to = await open('local-bob', 0);

    const started = await api.call('POST', '/transfers', {
      sub: 'local-alice',
      body: { fromAccountId: from, toAccountId: to, amount: 2_500, reference: 'Dinner' },
      headers: { 'idempotency-key': 'local-1' },
    });
    const id = String((await body(started))['transferId']);
    const view = await settled('local-alice', id);

    expect(started.status).toBe(202);
    expect(view).toMatchObject({ status: 'completed', reference: 'Dinner', amount: 2_500 });
    expect(await balance('local-alice', from)).toBe(7_500);
    expect(await balance('local-bob', to)).toBe(2_500);
  });

  it('reverses a transfer to an unknown account and restores the source', async () => {
    const from = await open('local-carol', 1_000);

    const started = await api.call('POST', '/transfers', {
      sub: 'local-carol',
      body: { fromAccountId: from, toAccountId: randomUUID(), amount: 400 },
    });
    const view = await settled('local-carol', String((await body(started))['transferId']));

    expect(view).toMatchObject({ status: 'reversed', reason: 'account-not-found' });
    expect(await balance('local-carol', from)).toBe(1_000);
  });
});
