import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from './support/local-api.js';

interface AccountBody {
  readonly accountId: string;
  readonly version: number;
  readonly balance: number;
}

describe('an account, end to end through the local runtime', () => {
  let api: LocalApi;
  let accountId: string;
  const sub = 'walker-1';

  beforeAll(async () => {
    api = await startLocalApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('opens an account with 100.00 EUR', async () => {
    const response = await api.call('POST', '/accounts', {
      sub,
      body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 10000 },
    });

    expect(response.status).toBe(201);
    const body = (await response.json()) as AccountBody;
    expect(body.balance).toBe(10000);
    expect(response.headers.get('location')).toBe(`/accounts/${body.accountId}`);
    accountId = body.accountId;
  });

  it('deposits 50.00', async () => {
    const response = await api.call('POST', `/accounts/${accountId}/deposits`, {
      sub,
      body: { amount: 5000 },
    });

    expect(response.status).toBe(200);
    expect(((await response.json()) as AccountBody).balance).toBe(15000);
  });

  it('withdraws 20.00', async () => {
    const response = await api.call('POST', `/accounts/${accountId}/withdrawals`, {
      sub,
      body: { amount: 2000 },
    });

    expect(response.status).toBe(200);
    expect(((await response.json()) as AccountBody).balance).toBe(13000);
  });

  it('refuses an overdraft of 500.00 with 409 insufficient-funds', async () => {
    const response = await api.call('POST', `/accounts/${accountId}/withdrawals`, {
      sub,
      body: { amount: 50000 },
    });

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'insufficient-funds', status: 409 });
  });

  it('keeps a history of the opening, the deposit and the withdrawal, and nothing refused', async () => {
    const response = await api.call('GET', `/accounts/${accountId}/events`, { sub });

    expect(response.status).toBe(200);
    const { events } = (await response.json()) as {
      events: { type: string; version: number; data: Record<string, unknown> }[];
    };
    // The opening balance is part of AccountOpened: exactly 3 events, the overdraft added none.
    expect(
      events.map(({ type, data }) => [type, data['initialDeposit'] ?? data['amount']]),
    ).toEqual([
      ['AccountOpened', 10000],
      ['MoneyDeposited', 5000],
      ['MoneyWithdrawn', 2000],
    ]);
    expect(events.map(({ version }) => version)).toEqual([1, 2, 3]);
  });

  it('converges the read model to 130.00 through the stream poller', async () => {
    await api.runtime.whenIdle();

    const response = await api.call('GET', `/accounts/${accountId}`, { sub });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountId,
      balance: 13000,
      currency: 'EUR',
      status: 'open',
      version: 3,
      holderName: 'Ada Lovelace',
    });
  });
});
