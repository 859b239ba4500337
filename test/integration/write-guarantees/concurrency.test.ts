import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../../lambdas/application/retry.js';
import { userActor } from '../../../lambdas/domain/account/index.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import {
  HookedStore,
  command,
  commandsOver,
  expectProblem,
  openAccount,
  serviceOver,
  typesOf,
} from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const budget = (budgetMs: number): RetryPolicy => ({ budgetMs, baseDelayMs: 5, maxDelayMs: 50 });

/** A store where another writer (another Lambda) deposits 1 right before each of our appends. */
const contended = (owner: string, times = Number.POSITIVE_INFINITY) => {
  const store = new HookedStore(app.deps.store);
  const rival = serviceOver(app.deps, store.inner);
  let wins = 0;
  store.before = async ({ streamId }) => {
    if (wins < times) {
      wins += 1;
      const deposit = {
        type: 'DepositMoney' as const,
        actor: userActor(owner),
        data: { amount: 1 },
      };
      await rival.execute(streamId, deposit, { requestId: `rival-${String(wins)}` });
    }
  };
  return { store, rivalWins: () => wins };
};

describe('If-Match', () => {
  it('answers 412 naming the current version when the pinned version is stale', async () => {
    const id = await openAccount(app.deps, 'pinner');
    await send(app.deps, command(id, 'deposits', { sub: 'pinner', amount: 100 }));

    const stale = await send(
      app.deps,
      command(id, 'deposits', { sub: 'pinner', amount: 100, headers: { 'if-match': '"2"' } }),
    );

    expectProblem(stale, 412, 'version-mismatch');
    expect(stale.body['currentVersion']).toBe(3);
    expect(stale.body['detail']).toContain('3');
    expect(await typesOf(app.deps, id)).toHaveLength(3);
  });

  it.each(['"3"', 'W/"3"', '*'])('accepts If-Match %s on the current version', async (value) => {
    const id = await openAccount(app.deps, 'matcher');
    await send(app.deps, command(id, 'deposits', { sub: 'matcher', amount: 100 }));

    const response = await send(
      app.deps,
      command(id, 'deposits', { sub: 'matcher', amount: 100, headers: { 'if-match': value } }),
    );

    expect(response.status).toBe(200);
    expect(response.headers['etag']).toBe('"4"');
    expect(response.body).toMatchObject({ version: 4, balance: 10_200 });
  });

  it.each(['3', '"three"', '"-1"', '"1.5"', '"1e3"', '"12345678901234567"', '"3", "4"', ''])(
    'rejects the malformed If-Match %j with 400 and appends nothing',
    async (value) => {
      const id = await openAccount(app.deps, 'malformed');

      const response = await send(
        app.deps,
        command(id, 'deposits', { sub: 'malformed', amount: 100, headers: { 'if-match': value } }),
      );

      expectProblem(response, 400, 'invalid-request');
      expect(response.body['detail']).toContain('If-Match');
      expect(await typesOf(app.deps, id)).toHaveLength(2);
    },
  );

  it('answers 412 rather than retrying when another writer wins the pinned version', async () => {
    const id = await openAccount(app.deps, 'pinned-race');
    const { store } = contended('pinned-race', 1);

    const response = await send(
      commandsOver(app.deps, store),
      command(id, 'deposits', { sub: 'pinned-race', amount: 100, headers: { 'if-match': '"2"' } }),
    );

    expectProblem(response, 412, 'version-mismatch');
    expect(response.body['currentVersion']).toBe(3);
    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
  });
});

describe('version conflicts without If-Match', () => {
  it('retries until it wins while other writers keep appending within the budget', async () => {
    const id = await openAccount(app.deps, 'persistent');
    const { store, rivalWins } = contended('persistent', 3);

    const response = await send(
      commandsOver(app.deps, store, budget(3_000)),
      command(id, 'deposits', { sub: 'persistent', amount: 500 }),
    );

    expect(response.status).toBe(200);
    expect(response.headers['etag']).toBe('"6"');
    expect(response.body).toMatchObject({ version: 6, balance: 10_503 });
    expect(rivalWins()).toBe(3);
    expect(store.appends).toBe(4);
  });

  it('answers 409 concurrent-modification with Retry-After once the budget is spent', async () => {
    const id = await openAccount(app.deps, 'starved');
    const { store } = contended('starved');
    const started = Date.now();

    const response = await send(
      commandsOver(app.deps, store, budget(300)),
      command(id, 'deposits', { sub: 'starved', amount: 500 }),
    );

    const elapsed = Date.now() - started;
    expectProblem(response, 409, 'concurrent-modification');
    expect(response.headers['retry-after']).toBe('1');
    expect(store.appends).toBeGreaterThan(1);
    expect(elapsed).toBeLessThan(300 + 2_000);
    const amounts = (await app.deps.store.load(id)).map((event) => event.data['amount']);
    expect(amounts).not.toContain(500);
    expect(amounts.slice(2)).toEqual(Array(amounts.length - 2).fill(1));
  });

  it('lets parallel writers in one process take turns instead of conflicting', async () => {
    const id = await openAccount(app.deps, 'queue', 0);
    const store = new HookedStore(app.deps.store);
    const deps = commandsOver(app.deps, store, budget(10_000));

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(deps, command(id, 'deposits', { sub: 'queue', amount: 10 })),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(responses.map((r) => r.body['version']).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 10 }, (_, index) => index + 2),
    );
    expect(store.appends).toBe(10);
  });

  it('answers 409 concurrent-modification when the turn does not come within the budget', async () => {
    const id = await openAccount(app.deps, 'stalled');
    const store = new HookedStore(app.deps.store);
    store.before = () => sleep(600);
    const deps = commandsOver(app.deps, store, budget(200));

    const [slow, waiting] = await Promise.all([
      send(deps, command(id, 'deposits', { sub: 'stalled', amount: 1 })),
      sleep(50).then(() => send(deps, command(id, 'deposits', { sub: 'stalled', amount: 2 }))),
    ]);

    expect(slow.status).toBe(200);
    expectProblem(waiting, 409, 'concurrent-modification');
    expect(waiting.headers['retry-after']).toBe('1');
    expect(await typesOf(app.deps, id)).toHaveLength(3);
  });
});
