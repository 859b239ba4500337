import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountService } from '../../../lambdas/application/account-service.js';
import type { PersonalDataProtection } from '../../../lambdas/application/ports.js';
import { StateCache } from '../../../lambdas/application/state-cache.js';
import { userActor, type AccountCommand } from '../../../lambdas/domain/account/index.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';

// On AWS every function container keeps its own StateCache (WithdrawMoney, DepositMoney, the
// stream consumer's transfer credits), so a container's cached state of an account goes stale
// whenever another container writes to it. A decision taken on a stale state must never be final:
// a withdrawal the real balance covers is accepted, whatever a container cached before.
const marking: PersonalDataProtection = {
  protect: (_subject, _binding, data) => Promise.resolve({ ...data }),
};
const actor = userActor('u1');
const ctx = { requestId: 'req-1' };

const containers = (count: number) => {
  const store = new InMemoryEventStore();
  return Array.from(
    { length: count },
    () =>
      new AccountService({
        store,
        commandLog: store,
        clock: { now: () => new Date('2026-12-02T10:00:00.000Z') },
        ids: { next: () => randomUUID() },
        protection: marking,
        cache: new StateCache(100),
        retry: { budgetMs: 500, baseDelayMs: 1, maxDelayMs: 5 },
      }),
  );
};

const step = fc.record({
  container: fc.nat({ max: 2 }),
  kind: fc.constantFrom('DepositMoney', 'WithdrawMoney'),
  amount: fc.integer({ min: 1, max: 5_000 }),
});

describe('commands on containers with their own state caches', () => {
  it('accepts a withdrawal the real balance covers, though this container cached less', async () => {
    const [depositor, withdrawer] = containers(2);
    if (!depositor || !withdrawer) throw new Error('two containers');
    const open: AccountCommand = {
      type: 'OpenAccount',
      actor,
      data: { holderName: 'Ada', currency: 'EUR' },
    };
    await withdrawer.execute('acc-1', open, ctx);
    await depositor.execute('acc-1', { type: 'DepositMoney', actor, data: { amount: 3_000 } }, ctx);

    const outcome = await withdrawer.execute(
      'acc-1',
      { type: 'WithdrawMoney', actor, data: { amount: 3_000 } },
      ctx,
    );

    expect(outcome).toMatchObject({ ok: true, version: 3 });
  });

  it('decides every command as the real balance would (model: one shared balance)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const services = containers(3);
        const accountId = `acc-${randomUUID()}`;
        const open: AccountCommand = {
          type: 'OpenAccount',
          actor,
          data: { holderName: 'Ada', currency: 'EUR' },
        };
        await services[0]?.execute(accountId, open, ctx);
        let balance = 0;
        for (const { container, kind, amount } of steps) {
          const outcome = await services[container]?.execute(
            accountId,
            { type: kind, actor, data: { amount } },
            ctx,
          );
          const covered = kind === 'DepositMoney' || balance >= amount;
          expect(outcome?.ok, `${kind} ${amount} on ${balance}`).toBe(covered);
          if (covered) {
            balance += kind === 'DepositMoney' ? amount : -amount;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
