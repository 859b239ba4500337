import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  erasePersonalData,
  openAccount,
  send,
  type TestApp,
} from '../../support/app.js';
import { projectAll } from '../../support/stream.js';

let app: TestApp;

const open = (sub: string, initialDeposit = 0, currency = 'EUR') =>
  openAccount(app.deps, sub, { holderName: 'Moneyed Subject', currency, initialDeposit });

const erase = (sub: string) => erasePersonalData(app.deps, sub);

const move = (sub: string, accountId: string, kind: 'deposits' | 'withdrawals', amount: number) =>
  send(app.deps, { method: 'POST', path: `/accounts/${accountId}/${kind}`, sub, body: { amount } });

const typesOf = async (accountId: string) =>
  (await app.deps.store.load(accountId)).map((event) => event.type);

beforeAll(async () => {
  app = await createTestApp();
});

describe('erasure and money still held (ADR 0097)', () => {
  it('refuses with 409 naming each account that holds money, and writes nothing', async () => {
    const rich = await open('holder', 700);
    const empty = await open('holder');

    const refused = await erase('holder');

    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'accounts-hold-money',
      erasureStarted: false,
      accounts: [{ accountId: rich, balance: 700, pendingTransfers: [] }],
    });
    expect(await typesOf(rich)).toEqual(['AccountOpened']);
    expect(await typesOf(empty)).toEqual(['AccountOpened']);
    expect(await app.deps.personalData.isErased('holder')).toBe(false);
    expect((await move('holder', rich, 'deposits', 1)).status).toBe(200);
  });

  it('erases once the money is withdrawn', async () => {
    const account = await open('withdrawer', 250);
    expect((await erase('withdrawer')).status).toBe(409);

    expect((await move('withdrawer', account, 'withdrawals', 250)).status).toBe(200);
    const erased = await erase('withdrawer');

    expect(erased.status).toBe(202);
    expect(await typesOf(account)).toEqual([
      'AccountOpened',
      'MoneyWithdrawn',
      'PersonalDataErased',
    ]);
  });

  it('refuses while a transfer sent from the subject is not settled, and erases after', async () => {
    const from = await open('sender', 300);
    const to = await open('receiver', 0);
    const started = await send(app.deps, {
      method: 'POST',
      path: '/transfers',
      sub: 'sender',
      body: { fromAccountId: from, toAccountId: to, amount: 300 },
    });
    const transferId = String(started.body['transferId']);

    const pending = await erase('sender');
    await projectAll(app.deps);
    const settled = await erase('sender');

    expect(pending.status).toBe(409);
    expect(pending.body['accounts']).toEqual([
      { accountId: from, balance: 0, pendingTransfers: [transferId] },
    ]);
    expect(settled.status).toBe(202);
  });

  it('never closes an account holding money, whatever deposits race the erasure', async () => {
    for (let round = 0; round < 6; round += 1) {
      const sub = `racer-${String(round)}`;
      const account = await open(sub);

      const [erasure, deposit] = await Promise.all([
        erase(sub),
        move(sub, account, 'deposits', 100),
      ]);
      const { state } = (
        await send(app.deps, {
          method: 'GET',
          path: `/accounts/${account}/state`,
          sub,
        })
      ).body as { state: { balance: number; personalDataErased: boolean; status: string } };

      expect([202, 409]).toContain(erasure.status);
      if (state.personalDataErased) {
        expect(state).toMatchObject({ balance: 0, status: 'closed' });
        expect(deposit.status).toBe(410);
      } else {
        expect(state).toMatchObject({ balance: 100, status: 'open' });
        expect(erasure.status).toBe(409);
      }
    }
  });
});
