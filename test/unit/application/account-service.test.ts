import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AccountService,
  type AccountServiceDeps,
} from '../../../lambdas/application/account-service.js';
import type { PersonalDataProtection } from '../../../lambdas/application/ports.js';
import { StateCache } from '../../../lambdas/application/state-cache.js';
import { userActor, type AccountCommand } from '../../../lambdas/domain/account/index.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';
import { InMemorySnapshotStore } from '../../support/in-memory-snapshot-store.js';
import type { SnapshotStore } from '../../../lambdas/event-store/snapshots.js';
import { CountingStore } from '../../support/counting-store.js';

// Unit tests run without keys: the protection marks the field instead of encrypting it.
const marking: PersonalDataProtection = {
  protect: (_subject, _binding, data) =>
    Promise.resolve(
      'holderName' in data ? { ...data, holderName: { v: 1, marked: true } } : { ...data },
    ),
};

const fixedClock = { now: () => new Date('2026-03-01T10:00:00.000Z') };
const ids = { next: () => randomUUID() };

const setup = (overrides: Partial<AccountServiceDeps> = {}) => {
  const inner = new InMemoryEventStore();
  const store = new CountingStore(inner);
  const service = new AccountService({
    store,
    commandLog: inner,
    clock: fixedClock,
    ids,
    protection: marking,
    retry: { budgetMs: 200, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
  return { store, service, inner };
};

const ctx = { requestId: 'req-1' };
const open: AccountCommand = {
  type: 'OpenAccount',
  actor: userActor('u1'),
  data: { holderName: 'Ada', currency: 'EUR', initialDeposit: 1_000 },
};
/** Opens acc-1 empty, then deposits 1000: versions 1 and 2. */
const openHolding1000 = async (service: AccountService) => {
  await service.execute('acc-1', { ...open, data: { holderName: 'Ada', currency: 'EUR' } }, ctx);
  await service.execute('acc-1', deposit(1_000), ctx);
};
const deposit = (amount: number): AccountCommand => ({
  type: 'DepositMoney',
  actor: userActor('u1'),
  data: { amount },
});

describe('AccountService', () => {
  it('adds the envelope from the injected clock and ids, and encrypts personal fields', async () => {
    const { store, service } = setup();

    const outcome = await service.execute('acc-1', open, ctx);

    const events = await store.inner.load('acc-1');
    expect(outcome).toMatchObject({ ok: true, version: 1, state: { balance: 1_000 } });
    expect(events.map((e) => [e.version, e.type, e.occurredAt])).toEqual([
      [1, 'AccountOpened', '2026-03-01T10:00:00.000Z'],
    ]);
    expect(events[0]?.data['holderName']).toEqual({ v: 1, marked: true });
    expect(events[0]?.metadata).toMatchObject({
      actorId: 'u1',
      actorKind: 'user',
      requestId: 'req-1',
      correlationId: 'req-1',
    });
  });

  it('retries after another writer appended first and records on top of it', async () => {
    const { store, service } = setup();
    await openHolding1000(service);
    let raced = false;
    store.beforeAppend = async () => {
      if (!raced) {
        raced = true;
        await store.inner.append({
          streamId: 'acc-1',
          expectedVersion: 2,
          events: [(await store.inner.load('acc-1'))[1]!],
        });
      }
    };

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toMatchObject({ ok: true, version: 4 });
    // The two appends of the set-up, then one that lost the race and one that won.
    expect(store.appends).toBe(4);
  });

  it('answers version-mismatch naming the current version when If-Match is stale', async () => {
    const { service } = setup();
    await openHolding1000(service);

    const outcome = await service.execute('acc-1', deposit(5), { ...ctx, expectedVersion: 1 });

    expect(outcome).toEqual({
      ok: false,
      accountId: 'acc-1',
      error: { code: 'version-mismatch', currentVersion: 2 },
    });
  });

  it('gives up with concurrent-modification once the retry budget is spent', async () => {
    const { store, service } = setup();
    await openHolding1000(service);
    store.beforeAppend = async (request) => {
      const [template] = await store.inner.load('acc-1', { toVersion: 2, fromVersion: 2 });
      await store.inner.append({
        streamId: 'acc-1',
        expectedVersion: request.expectedVersion,
        events: [template!],
      });
    };

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toEqual({
      ok: false,
      accountId: 'acc-1',
      error: { code: 'concurrent-modification' },
    });
  });

  it('costs one append and no read for a command on a warm cache', async () => {
    const { store, service } = setup({ cache: new StateCache(10) });
    await openHolding1000(service);
    store.reset();

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toMatchObject({ ok: true, version: 3 });
    expect([store.loads, store.appends]).toEqual([0, 1]);
  });

  it('drops a stale cache entry on conflict, reloads and retries', async () => {
    const cache = new StateCache(10);
    const { store, service, inner } = setup({ cache });
    await openHolding1000(service);
    const other = new AccountService({
      store: store.inner,
      commandLog: inner,
      clock: fixedClock,
      ids,
      protection: marking,
    });
    await other.execute('acc-1', deposit(100), ctx);
    store.reset();

    const outcome = await service.execute('acc-1', deposit(5), ctx);

    expect(outcome).toMatchObject({ ok: true, version: 4, state: { balance: 1_105 } });
    expect([store.loads, store.appends]).toEqual([1, 2]);
  });

  it('keeps at most its capacity of entries, evicting the least recently used', () => {
    const cache = new StateCache(2);
    const entry = {
      state: { status: 'none' as const },
      version: 0,
      occurredAt: undefined,
      snapshotVersion: 0,
    };
    cache.set('a', entry);
    cache.set('b', entry);
    cache.get('a');
    cache.set('c', entry);

    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
    expect(cache.size).toBe(2);
  });
});

describe('AccountService with snapshots', () => {
  it('snapshots every N events and then loads only the events after the snapshot', async () => {
    const snapshots = new InMemorySnapshotStore();
    const { store, service } = setup({ snapshots: { store: snapshots, every: 5 } });
    await openHolding1000(service);
    for (let i = 0; i < 7; i += 1) {
      await service.execute('acc-1', deposit(1), ctx);
    }
    const before = snapshots.items.get('acc-1')?.map((s) => s.version);
    store.reset();

    const outcome = await service.execute('acc-1', deposit(1), ctx);

    expect(before).toEqual([5]);
    expect(store.eventsRead).toBe(4);
    expect(snapshots.items.get('acc-1')?.map((s) => s.version)).toEqual([5, 10]);
    expect(outcome).toMatchObject({ ok: true, version: 10, state: { balance: 1_008 } });
  });

  it('never fails a command because a snapshot write failed', async () => {
    const failing: SnapshotStore = {
      get: () => Promise.resolve(undefined),
      put: () => Promise.reject(new Error('throttled')),
      delete: () => Promise.resolve(),
    };
    const { service } = setup({ snapshots: { store: failing, every: 1 } });

    const outcome = await service.execute('acc-1', open, ctx);

    expect(outcome).toMatchObject({ ok: true, version: 1 });
  });

  it('ignores a snapshot of another state schema', async () => {
    const snapshots = new InMemorySnapshotStore();
    const { service } = setup({ snapshots: { store: snapshots, every: 100 } });
    await openHolding1000(service);
    await snapshots.put({
      accountId: 'acc-1',
      version: 2,
      stateSchema: 999,
      state: { status: 'open', balance: 999_999 },
      occurredAt: '2026-03-01T10:00:00.000Z',
      takenAt: '2026-03-01T10:00:00.000Z',
    });

    const outcome = await service.execute('acc-1', deposit(1), ctx);

    expect(outcome).toMatchObject({ ok: true, state: { balance: 1_001 } });
  });
});
