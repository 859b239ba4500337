import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountService } from '../../../lambdas/application/account-service.js';
import type { Clock } from '../../../lambdas/application/ports.js';
import { userActor, type AccountCommand } from '../../../lambdas/domain/account/index.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';
import { CountingStore } from '../../support/counting-store.js';

const businessClock = { now: () => new Date('2026-03-01T10:00:00.000Z') };
const ctx = { requestId: 'req-1' };
const deposit = (amount: number): AccountCommand => ({
  type: 'DepositMoney',
  actor: userActor('u1'),
  data: { amount },
});

/** A service whose every append loses the race to a writer that takes the same version. */
const alwaysConflicting = async (budgetClock: Clock | undefined) => {
  const inner = new InMemoryEventStore();
  const store = new CountingStore(inner);
  const service = new AccountService({
    store,
    commandLog: inner,
    clock: businessClock,
    ...(budgetClock === undefined ? {} : { budgetClock }),
    ids: { next: () => randomUUID() },
    protection: { protect: (_s, _b, data) => Promise.resolve({ ...data }) },
    retry: { budgetMs: 1_000, baseDelayMs: 1, maxDelayMs: 2 },
  });
  await service.execute(
    'acc-1',
    { type: 'OpenAccount', actor: userActor('u1'), data: { holderName: 'Ada', currency: 'EUR' } },
    ctx,
  );
  store.beforeAppend = async (request) => {
    const [template] = await store.inner.load('acc-1', { fromVersion: 1, toVersion: 1 });
    await store.inner.append({
      streamId: 'acc-1',
      expectedVersion: request.expectedVersion,
      events: [template!],
    });
  };
  store.reset();
  return { store, service };
};

describe('the retry budget of the account service', () => {
  it('is measured on the injected budget clock: a clock past the budget stops after one try', async () => {
    let now = Date.UTC(2026, 2, 1);
    // Each reading is two seconds after the one before: the 1 s budget is spent at the first look.
    const leaping: Clock = {
      now: () => {
        now += 2_000;
        return new Date(now);
      },
    };
    const { store, service } = await alwaysConflicting(leaping);

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toEqual({
      ok: false,
      accountId: 'acc-1',
      error: { code: 'concurrent-modification' },
    });
    expect(store.appends).toBe(1);
  });

  it('keeps retrying while the budget clock stands inside the budget', async () => {
    let readings = 0;
    // Stands still for 20 readings, then jumps past the budget.
    const stepping: Clock = {
      now: () => new Date(Date.UTC(2026, 2, 1) + (++readings > 20 ? 5_000 : 0)),
    };
    const { store, service } = await alwaysConflicting(stepping);
    readings = 0;

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toMatchObject({ ok: false, error: { code: 'concurrent-modification' } });
    // One reading at the start, one per conflict: the 20th conflict reads the 21st, past it.
    expect(store.appends).toBe(20);
  });
});
