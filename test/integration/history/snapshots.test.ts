import { beforeAll, describe, expect, it } from 'vitest';
import { loadAccount } from '../../../lambdas/application/account-loader.js';
import { AccountService } from '../../../lambdas/application/account-service.js';
import { userActor } from '../../../lambdas/domain/account/index.js';
import { send, type TestApp } from '../../support/app.js';
import { CountingStore } from '../../support/counting-store.js';
import { EVENTS, seedLongAccount, T0 } from './long-account.js';

const EVERY = 100;
let app: TestApp;
let accountId: string;
let owner: string;

beforeAll(async () => {
  ({ app, accountId, owner } = await seedLongAccount({ SNAPSHOT_EVERY: String(EVERY) }));
}, 400_000);

const serviceOver = (store: CountingStore) =>
  new AccountService({
    store,
    commandLog: app.deps.commandLog,
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

  it('time-travels to a version below every snapshot by folding from the start', async () => {
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
