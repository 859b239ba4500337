import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountService } from '../../../lambdas/application/account-service.js';
import { userActor } from '../../../lambdas/domain/account/index.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';

describe('event times of an account', () => {
  it('never go back when a writer clock is behind the head (time travel searches by them)', async () => {
    const store = new InMemoryEventStore();
    const times = [
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:00.200Z',
      '2026-03-01T10:00:01.000Z',
    ];
    let call = 0;
    const clock = { now: () => new Date(times[Math.min(call++, times.length - 1)] ?? 0) };
    const service = new AccountService({
      store,
      commandLog: store,
      clock,
      ids: { next: () => randomUUID() },
      protection: { protect: (_s, _b, data) => Promise.resolve({ ...data }) },
    });
    const ctx = { requestId: 'r' };

    await service.execute(
      'acc-1',
      { type: 'OpenAccount', actor: userActor('u1'), data: { holderName: 'Ada', currency: 'EUR' } },
      ctx,
    );
    for (let i = 0; i < 2; i += 1) {
      await service.execute(
        'acc-1',
        { type: 'DepositMoney', actor: userActor('u1'), data: { amount: 1 } },
        ctx,
      );
    }

    const events = await store.load('acc-1');
    expect(events.map((event) => event.occurredAt)).toEqual([
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:01.000Z',
    ]);
  });
});
