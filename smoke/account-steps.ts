import { check, eventually, type ApiAnswer, expectEqual, expectStatus, fields } from './api.js';
import { need, newKey, type Step } from './walk.js';

const holderName = 'Smoke Test';
/** The balance after each version of the walk's account: opened 100.00, +50.00, -20.00. */
const balanceAt: Readonly<Record<number, number>> = { 1: 10000, 2: 15000, 3: 13000 };

const stateOf = (answer: ApiAnswer): Record<string, unknown> => {
  const state = fields(answer)['state'];
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
};

const userOf = (walk: { userToken?: string }) => need(walk.userToken, "the user's token");

export const accountSteps: readonly Step[] = [
  {
    name: 'refuses a request without a token (401)',
    run: async ({ call }) => {
      expectStatus(await call('GET', '/accounts'), 401, 'GET /accounts without a token');
    },
  },
  {
    name: 'opens an account with 100.00 EUR',
    run: async (walk) => {
      const answer = await walk.call('POST', '/accounts', {
        token: userOf(walk),
        headers: { 'idempotency-key': newKey() },
        body: { holderName, currency: 'EUR', initialDeposit: 10000 },
      });
      expectStatus(answer, 201, 'POST /accounts');
      const body = fields(answer);
      expectEqual('balance', body['balance'], 10000);
      check(typeof body['accountId'] === 'string', 'the answer has no accountId');
      expectEqual('Location', answer.headers.get('location'), `/accounts/${body['accountId']}`);
      walk.accountId = body['accountId'];
    },
  },
  {
    name: 'deposits 50.00, and a retry with the same Idempotency-Key replays it',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const send = () =>
        walk.call('POST', '/accounts/{id}/deposits', {
          path: { id },
          token: userOf(walk),
          headers: { 'idempotency-key': key },
          body: { amount: 5000 },
        });
      const key = newKey();
      const first = await send();
      expectStatus(first, 200, 'the deposit');
      expectEqual('balance', fields(first)['balance'], 15000);
      const retry = await send();
      expectStatus(retry, 200, 'the retried deposit');
      expectEqual('Idempotent-Replayed', retry.headers.get('idempotent-replayed'), 'true');
      expectEqual('the replayed answer', retry.body, first.body);
    },
  },
  {
    name: 'withdraws 20.00 with If-Match on version 2',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const answer = await walk.call('POST', '/accounts/{id}/withdrawals', {
        path: { id },
        token: userOf(walk),
        headers: { 'if-match': '"2"' },
        body: { amount: 2000 },
      });
      expectStatus(answer, 200, 'the withdrawal');
      expectEqual('balance', fields(answer)['balance'], 13000);
      expectEqual('ETag', answer.headers.get('etag'), '"3"');
    },
  },
  {
    name: 'refuses an overdraft with 409 insufficient-funds and writes nothing',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const token = userOf(walk);
      const answer = await walk.call('POST', '/accounts/{id}/withdrawals', {
        path: { id },
        token,
        body: { amount: 50000 },
      });
      expectStatus(answer, 409, 'the overdraft');
      expectEqual('content-type', answer.headers.get('content-type'), 'application/problem+json');
      expectEqual('code', fields(answer)['code'], 'insufficient-funds');
      const head = await walk.call('GET', '/accounts/{id}/state', {
        path: { id },
        token,
      });
      expectStatus(head, 200, 'GET state');
      expectEqual('version after the refusal', fields(head)['version'], 3);
    },
  },
  {
    name: 'keeps the history: opened, deposited, withdrew, and the holder name decrypted',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const answer = await walk.call('GET', '/accounts/{id}/events', {
        path: { id },
        token: userOf(walk),
      });
      expectStatus(answer, 200, 'GET events');
      const events = fields(answer)['events'] as
        | { type: string; version: number; occurredAt: string; data: Record<string, unknown> }[]
        | undefined;
      check(Array.isArray(events), 'the answer has no events');
      expectEqual(
        'events',
        events.map(({ type, version }) => [type, version]),
        [
          ['AccountOpened', 1],
          ['MoneyDeposited', 2],
          ['MoneyWithdrawn', 3],
        ],
      );
      expectEqual('holderName', events[0]?.data['holderName'], holderName);
      walk.history = events.map(({ version, occurredAt }) => ({ version, occurredAt }));
    },
  },
  {
    name: 'time travels to version 2 and to the moment of the deposit',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const history = need(walk.history, 'the history');
      const token = userOf(walk);
      const byVersion = await walk.call('GET', '/accounts/{id}/state', {
        token,
        path: { id },
        query: { version: 2 },
      });
      expectStatus(byVersion, 200, 'state?version=2');
      expectEqual('version', fields(byVersion)['version'], 2);
      expectEqual('balance at version 2', stateOf(byVersion)['balance'], balanceAt[2]);
      const at = need(history[1]?.occurredAt, 'the deposit time');
      // The state at an instant holds every event that occurred up to it.
      const expected = Math.max(...history.filter((e) => e.occurredAt <= at).map((e) => e.version));
      const byTime = await walk.call('GET', '/accounts/{id}/state', {
        query: { at },
        path: { id },
        token,
      });
      expectStatus(byTime, 200, 'state?at=');
      expectEqual('version at the deposit time', fields(byTime)['version'], expected);
      expectEqual('balance at the deposit time', stateOf(byTime)['balance'], balanceAt[expected]);
    },
  },
  {
    name: 'converges the read model to 130.00 at version 3',
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const token = userOf(walk);
      const summary = await eventually(
        walk.convergeMs,
        async () => {
          const answer = await walk.call('GET', '/accounts/{id}', {
            token,
            path: { id },
          });
          return answer.status === 200 && fields(answer)['version'] === 3 ? answer : undefined;
        },
        'GET /accounts/{id} at version 3',
      );
      expectEqual('balance', fields(summary)['balance'], 13000);
      expectEqual('holderName', fields(summary)['holderName'], holderName);
      const list = await walk.call('GET', '/accounts', { token });
      expectStatus(list, 200, 'GET /accounts');
      check(JSON.stringify(list.body).includes(id), 'GET /accounts does not list the account');
    },
  },
];
