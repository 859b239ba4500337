import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from './support/local-api.js';

interface Reply {
  readonly status: number;
  readonly replayed: boolean;
  readonly retryAfter: string | null;
  readonly body: Record<string, unknown>;
}

interface HistoryEvent {
  readonly version: number;
  readonly type: string;
}

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api.stop();
});

const post = async (
  path: string,
  sub: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> => {
  const response = await api.call('POST', path, { sub, body, headers });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

const get = async (path: string, sub: string): Promise<Record<string, unknown>> => {
  const response = await api.call('GET', path, { sub });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
};

const open = async (sub: string, initialDeposit: number): Promise<string> => {
  const opened = await post('/accounts', sub, {
    holderName: 'Ada Lovelace',
    currency: 'EUR',
    initialDeposit,
  });
  expect(opened.status).toBe(201);
  return String(opened.body['accountId']);
};

const historyOf = async (accountId: string, sub: string): Promise<HistoryEvent[]> =>
  (await get(`/accounts/${accountId}/events?limit=100`, sub))['events'] as HistoryEvent[];

const countBy = (replies: readonly Reply[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const code = reply.body['code'];
    const key = `${String(reply.status)} ${typeof code === 'string' ? code : 'ok'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('concurrent commands through the local HTTP server', () => {
  it('accepts exactly 25 of 50 parallel withdrawals of 10.00 from 250.00', async () => {
    const sub = 'withdrawer';
    const id = await open(sub, 25_000);

    const replies = await Promise.all(
      Array.from({ length: 50 }, () => post(`/accounts/${id}/withdrawals`, sub, { amount: 1_000 })),
    );

    expect(countBy(replies)).toEqual({ '200 ok': 25, '409 insufficient-funds': 25 });
    const balances = replies.filter((r) => r.status === 200).map((r) => r.body['balance']);
    expect(new Set(balances).size).toBe(25);
    const history = await historyOf(id, sub);
    expect(history.map((event) => event.version)).toEqual(history.map((_, index) => index + 1));
    expect(history.filter((event) => event.type === 'MoneyWithdrawn')).toHaveLength(25);
    expect(await get(`/accounts/${id}/state`, sub)).toMatchObject({
      version: 26,
      state: { balance: 0 },
    });
    await api.runtime.whenIdle();
    expect(await get(`/accounts/${id}`, sub)).toMatchObject({ balance: 0, version: 26 });
    const ledger = await get(`/accounts/${id}/transactions?limit=100`, sub);
    expect(ledger['transactions']).toHaveLength(26);
  });

  it('records exactly 20 deposits when each of 20 is sent twice in parallel with one key', async () => {
    const sub = 'depositor';
    const id = await open(sub, 0);
    const amounts = Array.from({ length: 20 }, (_, index) => 100 + index);

    const replies = await Promise.all(
      [...amounts, ...amounts].map((amount) =>
        post(`/accounts/${id}/deposits`, sub, { amount }, { 'idempotency-key': `d-${amount}` }),
      ),
    );

    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    for (const [index] of amounts.entries()) {
      const pair = [replies[index], replies[index + amounts.length]];
      expect(pair.filter((r) => r?.status === 200 && !r.replayed)).toHaveLength(1);
      const other = pair.find((r) => r?.replayed || r?.status !== 200);
      if (other?.status === 200) {
        expect(other.body).toEqual(pair.find((r) => r !== other)?.body);
      } else {
        expect(other).toMatchObject({ status: 409, retryAfter: '1' });
        expect(other?.body['code']).toBe('request-in-progress');
      }
    }
    const total = amounts.reduce((sum, amount) => sum + amount, 0);
    const history = await historyOf(id, sub);
    expect(history.map((event) => event.version)).toEqual(history.map((_, index) => index + 1));
    expect(history.filter((event) => event.type === 'MoneyDeposited')).toHaveLength(20);
    expect(await get(`/accounts/${id}/state`, sub)).toMatchObject({
      version: 21,
      state: { balance: total },
    });
    await api.runtime.whenIdle();
    expect(await get(`/accounts/${id}`, sub)).toMatchObject({ balance: total, version: 21 });
  });
});
