import { randomUUID } from 'node:crypto';
import { check, eventually, expectEqual, expectStatus, fields, type ApiAnswer } from './api.js';
import { need, newKey, StepSkipped, type Step, type Walk } from './walk.js';

const userOf = (walk: Walk) => need(walk.userToken, "the user's token");

const throwawayOf = (walk: Walk): string => {
  if (walk.throwawayToken === undefined) {
    throw new StepSkipped(
      'no throw-away user (--erase-token, or --erase-username/--erase-password)',
    );
  }
  return walk.throwawayToken;
};

/** Polls the read model until the account shows `balance`. */
const convergedBalance = (walk: Walk, id: string, balance: number) =>
  eventually(
    walk.convergeMs,
    async () => {
      const answer = await walk.call('GET', '/accounts/{id}', {
        token: userOf(walk),
        path: { id },
      });
      return answer.status === 200 && fields(answer)['balance'] === balance ? answer : undefined;
    },
    `the read model of ${id} at ${balance}`,
  );

const problemCode = (answer: ApiAnswer) => [answer.status, fields(answer)['code']];

const openEmpty = async (walk: Walk, token: string, holderName: string): Promise<string> => {
  const answer = await walk.call('POST', '/accounts', {
    token,
    headers: { 'idempotency-key': newKey() },
    body: { holderName, currency: 'EUR' },
  });
  expectStatus(answer, 201, 'POST /accounts');
  const id = fields(answer)['accountId'];
  check(typeof id === 'string', 'the answer has no accountId');
  return id;
};

export const lifecycleSteps: readonly Step[] = [
  {
    name: 'transfers 30.00 to a second account, and the transfer completes',
    run: async (walk) => {
      const from = need(walk.accountId, 'the account');
      const token = userOf(walk);
      const to = await openEmpty(walk, token, 'Smoke Test Savings');
      walk.secondAccountId = to;
      const started = await walk.call('POST', '/transfers', {
        token,
        headers: { 'idempotency-key': newKey() },
        body: { fromAccountId: from, toAccountId: to, amount: 3000, reference: 'smoke test' },
      });
      expectStatus(started, 202, 'POST /transfers');
      expectEqual('status', fields(started)['status'], 'pending');
      const transferId = fields(started)['transferId'];
      check(typeof transferId === 'string', 'the answer has no transferId');
      const done = await eventually(
        walk.convergeMs,
        async () => {
          const answer = await walk.call('GET', '/transfers/{id}', {
            token,
            path: { id: transferId },
          });
          return answer.status === 200 && fields(answer)['status'] !== 'pending'
            ? answer
            : undefined;
        },
        'the transfer leaving pending',
      );
      expectEqual('transfer status', fields(done)['status'], 'completed');
      await convergedBalance(walk, to, 3000);
      await convergedBalance(walk, from, 10000);
    },
  },
  {
    name: "answers another user's account exactly like a missing one (404)",
    run: async (walk) => {
      const id = need(walk.accountId, 'the account');
      const stranger = throwawayOf(walk);
      const missing = randomUUID();
      for (const [method, route, body] of [
        ['GET', '/accounts/{id}', undefined],
        ['GET', '/accounts/{id}/events', undefined],
        ['POST', '/accounts/{id}/deposits', { amount: 100 }],
        ['POST', '/accounts/{id}/withdrawals', { amount: 100 }],
      ] as const) {
        const path = route.slice('/accounts/{id}'.length);
        const foreign = await walk.call(method, route, { token: stranger, body, path: { id } });
        const random = await walk.call(method, route, {
          token: stranger,
          body,
          path: { id: missing },
        });
        expectEqual(
          `${method} ${path || '/'} on a foreign account`,
          problemCode(foreign),
          problemCode(random),
        );
        expectStatus(foreign, 404, `${method} ${path || '/'} on a foreign account`);
      }
    },
  },
  {
    name: 'empties and closes both accounts',
    run: async (walk) => {
      const token = userOf(walk);
      const accounts = [
        [need(walk.accountId, 'the account'), 10000],
        [need(walk.secondAccountId, 'the second account'), 3000],
      ] as const;
      for (const [id, balance] of accounts) {
        const out = await walk.call('POST', '/accounts/{id}/withdrawals', {
          path: { id },
          token,
          body: { amount: balance },
        });
        expectStatus(out, 200, `withdrawing ${balance} from ${id}`);
        const closed = await walk.call('POST', '/accounts/{id}/close', {
          path: { id },
          token,
        });
        expectStatus(closed, 200, `closing ${id}`);
        expectEqual('status', fields(closed)['status'], 'closed');
      }
    },
  },
  {
    name: 'erases a throw-away user: names unreadable, its account refuses commands',
    run: async (walk) => {
      const token = throwawayOf(walk);
      const id = await openEmpty(walk, token, 'Smoke Throwaway');
      const erased = await walk.call('DELETE', '/me/personal-data', { token });
      expectStatus(erased, 202, 'DELETE /me/personal-data');
      const listed = fields(erased)['accounts'];
      check(Array.isArray(listed) && listed.includes(id), 'the erasure does not name the account');
      await eventually(
        walk.convergeMs,
        async () => {
          const answer = await walk.call('GET', '/accounts/{id}/events', {
            path: { id },
            token,
          });
          const first = (
            fields(answer)['events'] as { data: Record<string, unknown> }[] | undefined
          )?.[0];
          return first !== undefined && first.data['holderName'] === null ? true : undefined;
        },
        'the holder name reading null in the history',
      );
      const deposit = await walk.call('POST', '/accounts/{id}/deposits', {
        path: { id },
        token,
        body: { amount: 100 },
      });
      expectStatus(deposit, 410, 'a deposit to the erased account');
    },
  },
];
