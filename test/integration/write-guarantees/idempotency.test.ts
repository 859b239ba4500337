import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { idempotencyRecordId } from '../../../lambdas/event-store/command-ids.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';
import {
  HookedStore,
  InjectedCrash,
  command,
  commandsOver,
  eventsOf,
  expectProblem,
  openAccount,
  typesOf,
} from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

describe('Idempotency-Key on commands', () => {
  it('replays the first response with the same status, body and ETag, appending once', async () => {
    const id = await openAccount(app.deps, 'replayer');
    const request = command(id, 'deposits', { sub: 'replayer', amount: 500, key: 'dep-1' });

    const first = await send(app.deps, request);
    const retry = await send(app.deps, request);

    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['etag']).toBe(first.headers['etag']);
    expect(retry.headers['content-type']).toBe('application/json');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
  });

  it('rejects the same key with a different body or target with 422 and appends nothing', async () => {
    const id = await openAccount(app.deps, 'reuser');
    const other = await openAccount(app.deps, 'reuser');
    await send(app.deps, command(id, 'deposits', { sub: 'reuser', amount: 500, key: 'k-422' }));

    const otherAmount = await send(
      app.deps,
      command(id, 'deposits', { sub: 'reuser', amount: 501, key: 'k-422' }),
    );
    const otherRoute = await send(
      app.deps,
      command(id, 'withdrawals', { sub: 'reuser', amount: 500, key: 'k-422' }),
    );
    const otherAccount = await send(
      app.deps,
      command(other, 'deposits', { sub: 'reuser', amount: 500, key: 'k-422' }),
    );

    expectProblem(otherAmount, 422, 'idempotency-key-reused');
    expectProblem(otherRoute, 422, 'idempotency-key-reused');
    expectProblem(otherAccount, 422, 'idempotency-key-reused');
    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
    expect(await typesOf(app.deps, other)).toEqual(['AccountOpened', 'MoneyDeposited']);
  });

  it("scopes keys to the caller: one user's key never replays another's response", async () => {
    const mine = await openAccount(app.deps, 'alice');
    const theirs = await openAccount(app.deps, 'carol');
    const request = command(mine, 'deposits', { sub: 'alice', amount: 700, key: 'shared' });
    const alice = await send(app.deps, request);

    const bobOnAlice = await send(app.deps, { ...request, sub: 'bob' });
    const carolOwn = await send(
      app.deps,
      command(theirs, 'deposits', { sub: 'carol', amount: 700, key: 'shared' }),
    );

    expect(alice.status).toBe(200);
    expectProblem(bobOnAlice, 404, 'account-not-found');
    expect(bobOnAlice.headers['idempotent-replayed']).toBeUndefined();
    expect(carolOwn.status).toBe(200);
    expect(carolOwn.headers['idempotent-replayed']).toBeUndefined();
    expect(carolOwn.body).toMatchObject({ accountId: theirs, balance: 10_700 });
    expect(await typesOf(app.deps, mine)).toHaveLength(3);
    expect(await typesOf(app.deps, theirs)).toHaveLength(3);
  });

  it('stores a rejection and replays it even after the balance changed', async () => {
    const id = await openAccount(app.deps, 'short', 1_000);
    const overdraft = command(id, 'withdrawals', { sub: 'short', amount: 5_000, key: 'w-1' });
    const refused = await send(app.deps, overdraft);
    await send(app.deps, command(id, 'deposits', { sub: 'short', amount: 10_000 }));

    const retry = await send(app.deps, overdraft);

    expectProblem(refused, 409, 'insufficient-funds');
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(refused.body);
    expect(retry.body).toMatchObject({ balance: 1_000, requested: 5_000 });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
  });

  it('replays the stored response after a crash between the write and the response', async () => {
    const id = await openAccount(app.deps, 'crashed');
    const store = new HookedStore(app.deps.store);
    store.after = () => {
      store.after = undefined;
      throw new InjectedCrash('the Lambda died after TransactWriteItems succeeded');
    };
    const crashing = commandsOver(app.deps, store);
    const request = command(id, 'deposits', { sub: 'crashed', amount: 250, key: 'crash-1' });

    const lost = await send(crashing, request);
    const retry = await send(crashing, request);

    expectProblem(lost, 500, 'internal-error');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['etag']).toBe('"3"');
    expect(retry.body).toMatchObject({ accountId: id, version: 3, balance: 10_250 });
    expect(store.appends).toBe(1);
    const events = await eventsOf(app.deps, id);
    expect(events.map((event) => event.type)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
    expect(events[2]?.metadata.commandId).toBe(idempotencyRecordId('crashed', 'crash-1'));
  });

  it('appends once when identical requests race with the same key', async () => {
    const id = await openAccount(app.deps, 'racer');
    const request = command(id, 'deposits', { sub: 'racer', amount: 100, key: 'race-1' });

    const responses = await Promise.all(Array.from({ length: 12 }, () => send(app.deps, request)));

    const deposits = (await eventsOf(app.deps, id)).filter((e) => e.type === 'MoneyDeposited');
    expect(deposits).toHaveLength(2);
    const winner = responses.find((r) => r.status === 200 && !r.headers['idempotent-replayed']);
    expect(winner?.body).toMatchObject({ version: 3, balance: 10_100 });
    for (const response of responses) {
      if (response.status === 200) {
        expect(response.body).toEqual(winner?.body);
      } else {
        expectProblem(response, 409, 'request-in-progress');
        expect(response.headers['retry-after']).toBe('1');
      }
    }
    const fresh = responses.filter((r) => r.status === 200 && !r.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
  });

  it('appends once when the same key races through two Lambdas (no shared process)', async () => {
    const id = await openAccount(app.deps, 'two-lambdas');
    const lambdas = [
      commandsOver(app.deps, app.deps.store),
      commandsOver(app.deps, app.deps.store),
    ];
    const request = command(id, 'deposits', { sub: 'two-lambdas', amount: 100, key: 'race-2' });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => send(lambdas[index % 2] ?? app.deps, request)),
    );

    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
    const fresh = responses.filter((r) => r.status === 200 && !r.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
    for (const response of responses) {
      if (response.status === 200) {
        expect(response.body).toEqual(fresh[0]?.body);
      } else {
        expectProblem(response, 409, 'request-in-progress');
      }
    }
  });

  it('keeps the record in the Commands table for 24 hours (TTL expiresAt)', async () => {
    const id = await openAccount(app.deps, 'ttl');
    const before = Math.floor(Date.now() / 1000);
    await send(app.deps, command(id, 'deposits', { sub: 'ttl', amount: 1, key: 'ttl-1' }));
    const after = Math.floor(Date.now() / 1000);

    const { Item } = await app.deps.client.send(
      new GetCommand({
        TableName: app.deps.config.tables.Commands,
        Key: { commandId: idempotencyRecordId('ttl', 'ttl-1') },
      }),
    );

    expect(app.deps.config.idempotencyTtlSeconds).toBe(86_400);
    // The command's outcome, not a rendered response (ADR 0131).
    expect(JSON.parse(String(Item?.['outcome']))).toMatchObject({ kind: 'accepted', version: 3 });
    expect(Item?.['expiresAt']).toBeGreaterThanOrEqual(before + 86_400);
    expect(Item?.['expiresAt']).toBeLessThanOrEqual(after + 86_400);
    expect(Date.parse(String(Item?.['createdAt'])) / 1000).toBeGreaterThanOrEqual(before);
  });
});

describe('Idempotency-Key on opening an account', () => {
  const open = (sub: string, key: string) => ({
    method: 'POST' as const,
    path: '/accounts',
    sub,
    body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 2_000 },
    headers: { 'idempotency-key': key },
  });
  const openedBy = async (sub: string) =>
    (await allEvents(app.deps)).filter(
      (event) => event.type === 'AccountOpened' && event.metadata.actorId === sub,
    );

  it('replays the same accountId and Location and opens one account', async () => {
    const first = await send(app.deps, open('opener', 'open-1'));
    const retry = await send(app.deps, open('opener', 'open-1'));

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body['accountId']).toBe(first.body['accountId']);
    expect(retry.headers['location']).toBe(first.headers['location']);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await openedBy('opener')).toHaveLength(1);
  });

  it('opens one account when the same key races on different generated ids', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => send(app.deps, open('open-racer', 'open-race'))),
    );

    const opened = await openedBy('open-racer');
    expect(opened).toHaveLength(1);
    for (const response of responses) {
      if (response.status === 201) {
        expect(response.body['accountId']).toBe(opened[0]?.streamId);
      } else {
        expectProblem(response, 409, 'request-in-progress');
      }
    }
  });
});
