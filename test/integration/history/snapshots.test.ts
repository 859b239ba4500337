import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAccount } from '../../../lambdas/application/account-loader.js';
import { AccountService } from '../../../lambdas/application/account-service.js';
import { userActor } from '../../../lambdas/domain/account/index.js';
import type { NewEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { CountingStore } from '../../support/counting-store.js';

const EVENTS = 10_000;
const EVERY = 100;
const owner = 'long-history';
let app: TestApp;
let accountId: string;
// A clock the test moves: the account opens at T0, the seeded events follow a second apart, and
// later commands happen after all of them, as time would have it.
const T0 = Date.UTC(2026, 0, 1);
let now = T0;
const clock = { now: () => new Date(now) };

const deposit = (balanceAfter: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'MoneyDeposited',
  schema: 2,
  occurredAt: new Date(T0 + balanceAfter * 1000).toISOString(),
  data: { amount: 1, currency: 'EUR', balanceAfter },
  metadata: {
    actorId: owner,
    commandId: randomUUID(),
    correlationId: 'seed',
    causationId: 'seed',
    requestId: 'seed',
  },
});

beforeAll(async () => {
  app = await createTestApp({ SNAPSHOT_EVERY: String(EVERY) }, { clock });
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub: owner,
    body: { holderName: 'Long History', currency: 'EUR' },
  });
  accountId = String(opened.body['accountId']);
  now = T0 + (EVENTS + 1) * 1000;
  // Seed 9,999 deposits of 1 in transactions of 100 events, as many commands would have.
  for (let version = 1; version < EVENTS; version += 100) {
    const count = Math.min(100, EVENTS - version);
    const events = Array.from({ length: count }, (_, i) => deposit(version + i));
    await app.deps.store.append({ streamId: accountId, expectedVersion: version, events });
  }
}, 120_000);

const serviceOver = (store: CountingStore) =>
  new AccountService({
    store,
    clock: app.deps.clock,
    ids: app.deps.ids,
    protection: { protect: (_s, _b, data) => Promise.resolve({ ...data }) },
    snapshots: { store: app.deps.snapshots, every: EVERY },
  });

describe('snapshots on a 10,000-event account', () => {
  it('loads at most N events after the snapshot once one was taken', async () => {
    const store = new CountingStore(app.deps.store);
    const service = serviceOver(store);
    const first = await service.execute(
      accountId,
      { type: 'DepositMoney', actor: userActor(owner), data: { amount: 1 } },
      { requestId: 'r1' },
    );
    store.reset();

    const second = await service.execute(
      accountId,
      { type: 'DepositMoney', actor: userActor(owner), data: { amount: 1 } },
      { requestId: 'r2' },
    );

    expect(first).toMatchObject({ ok: true, version: EVENTS + 1, state: { balance: EVENTS } });
    expect((await app.deps.snapshots.get(accountId))?.version).toBe(EVENTS + 1);
    expect(store.eventsRead).toBeLessThanOrEqual(EVERY);
    expect(second).toMatchObject({ ok: true, version: EVENTS + 2, state: { balance: EVENTS + 1 } });
  });

  it('gives the same state without any snapshot, only slower', async () => {
    const withSnapshot = await loadAccount(app.deps.store, accountId, app.deps.snapshots);
    await app.deps.snapshots.delete(accountId);

    const withoutSnapshot = await loadAccount(app.deps.store, accountId, app.deps.snapshots);

    expect(withoutSnapshot.state).toEqual(withSnapshot.state);
    expect(withoutSnapshot.version).toBe(withSnapshot.version);
  });

  it('time-travels to a version before the snapshot by folding from the start', async () => {
    await serviceOver(new CountingStore(app.deps.store)).execute(
      accountId,
      { type: 'DepositMoney', actor: userActor(owner), data: { amount: 1 } },
      { requestId: 'r3' },
    );

    const atVersion = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${accountId}/state`,
      sub: owner,
      query: { version: '5000' },
    });
    const atTime = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${accountId}/state`,
      sub: owner,
      query: { at: new Date(T0 + 3000 * 1000).toISOString() },
    });

    expect(atVersion.body).toMatchObject({
      version: 5000,
      state: { balance: 4999, holderName: 'Long History' },
    });
    expect(atTime.body).toMatchObject({ version: 3001, state: { balance: 3000 } });
  });
});
