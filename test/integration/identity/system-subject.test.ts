import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openAccount, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';

// Issue 11 item 1: a token whose `sub` is `system:ledger` (the name the transfer process used) must
// be a plain user, never the system. Before the fix it withdrew from, transferred out of and closed
// another user's account.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const open = (sub: string, initialDeposit: number) =>
  openAccount(app.deps, sub, { initialDeposit });

describe('a token whose subject is the old system name', () => {
  it.each(['system:ledger', 'system', 'system:transfer-process', 'system:erasure'])(
    'cannot withdraw from, transfer out of or close another user (sub %s)',
    async (sub) => {
      const victim = await open('victim', 1_000);
      const emptyVictim = await open('victim', 0);
      const thief = await open(sub, 0);
      const before = (await allEvents(app.deps)).length;

      const withdrawal = await send(app.deps, {
        method: 'POST',
        path: `/accounts/${victim}/withdrawals`,
        sub,
        body: { amount: 500 },
      });
      const transfer = await send(app.deps, {
        method: 'POST',
        path: '/transfers',
        sub,
        body: { fromAccountId: victim, toAccountId: thief, amount: 500 },
      });
      const close = await send(app.deps, {
        method: 'POST',
        path: `/accounts/${emptyVictim}/close`,
        sub,
      });
      const deposit = await send(app.deps, {
        method: 'POST',
        path: `/accounts/${victim}/deposits`,
        sub,
        body: { amount: 1 },
      });

      expect([withdrawal.status, transfer.status, close.status, deposit.status]).toEqual([
        404, 404, 404, 404,
      ]);
      expect((await allEvents(app.deps)).length).toBe(before);
    },
  );

  it('is an ordinary user of its own account', async () => {
    const own = await open('system:ledger', 1_000);

    const withdrawal = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${own}/withdrawals`,
      sub: 'system:ledger',
      body: { amount: 400 },
    });

    expect(withdrawal.status).toBe(200);
    expect(withdrawal.body['balance']).toBe(600);
  });
});
