import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  openAccount,
  send,
  type TestApp,
  type TestResponse,
} from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';

// Issue 11 item 2: a foreign resource must answer exactly like a missing one, whatever the headers.
// Before the fix, If-Match was checked before ownership: a stale If-Match on another user's
// account answered 412 with its currentVersion (deposits, withdrawals, close, transfers from it).
let app: TestApp;
let foreign: string;
let foreignEmpty: string;
let own: string;
const owner = 'owner-of-foreign';
const intruder = 'intruder';

beforeAll(async () => {
  app = await createTestApp();
  const open = (sub: string, initialDeposit: number) =>
    openAccount(app.deps, sub, { initialDeposit });
  foreign = await open(owner, 5_000);
  foreignEmpty = await open(owner, 0);
  own = await open(intruder, 5_000);
  await send(app.deps, {
    method: 'POST',
    path: `/accounts/${foreign}/deposits`,
    sub: owner,
    body: { amount: 1 },
  });
  await projectAll(app.deps);
});

type Headers = Record<string, string>;
/** Every header combination a client can send: If-Match right, wrong, malformed, `*`; a key; none. */
const headerCases = (rightVersion: number): [string, () => Headers][] => [
  ['no headers', () => ({})],
  ['If-Match of the current version', () => ({ 'if-match': `"${rightVersion}"` })],
  ['If-Match of a wrong version', () => ({ 'if-match': '"1"' })],
  ['If-Match of a far version', () => ({ 'if-match': '"999"' })],
  ['a weak If-Match', () => ({ 'if-match': `W/"${rightVersion}"` })],
  ['If-Match *', () => ({ 'if-match': '*' })],
  ['a malformed If-Match', () => ({ 'if-match': 'version-2' })],
  ['an Idempotency-Key', () => ({ 'idempotency-key': randomUUID() })],
  [
    'an Idempotency-Key and a right If-Match',
    () => ({ 'idempotency-key': randomUUID(), 'if-match': `"${rightVersion}"` }),
  ],
  [
    'an Idempotency-Key and a wrong If-Match',
    () => ({ 'idempotency-key': randomUUID(), 'if-match': '"1"' }),
  ],
];

/** The answer with the probed id replaced, so a foreign and a random id can be compared. */
const normalised = (response: TestResponse, id: string) => {
  const text = (value: unknown) => JSON.stringify(value).replaceAll(id, '<id>');
  const { date: _date, 'x-request-id': _requestId, ...headers } = response.headers;
  return { status: response.status, headers: text(headers), body: text(response.body) };
};

interface Probe {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (id: string) => string;
  readonly body?: (id: string) => unknown;
  /** The foreign account probed (the empty one for close, so ownership alone decides). */
  readonly target: () => string;
}

const probes: Probe[] = [
  {
    name: 'deposit',
    method: 'POST',
    path: (id) => `/accounts/${id}/deposits`,
    body: () => ({ amount: 1 }),
    target: () => foreign,
  },
  {
    name: 'withdrawal',
    method: 'POST',
    path: (id) => `/accounts/${id}/withdrawals`,
    body: () => ({ amount: 1 }),
    target: () => foreign,
  },
  {
    name: 'close',
    method: 'POST',
    path: (id) => `/accounts/${id}/close`,
    target: () => foreignEmpty,
  },
  {
    name: 'transfer from it',
    method: 'POST',
    path: () => '/transfers',
    body: (id) => ({ fromAccountId: id, toAccountId: own, amount: 1 }),
    target: () => foreign,
  },
  { name: 'summary', method: 'GET', path: (id) => `/accounts/${id}`, target: () => foreign },
  {
    name: 'transactions',
    method: 'GET',
    path: (id) => `/accounts/${id}/transactions`,
    target: () => foreign,
  },
  { name: 'events', method: 'GET', path: (id) => `/accounts/${id}/events`, target: () => foreign },
  { name: 'state', method: 'GET', path: (id) => `/accounts/${id}/state`, target: () => foreign },
];

const ask = (probe: Probe, id: string, headers: Headers) =>
  send(app.deps, {
    method: probe.method,
    path: probe.path(id),
    sub: intruder,
    headers,
    ...(probe.body ? { body: probe.body(id) } : {}),
  });

describe("another user's account", () => {
  it.each(probes.map((probe) => [probe.name, probe] as const))(
    'answers %s exactly like a random id, under every header combination, writing nothing',
    async (_name, probe) => {
      const target = probe.target();
      const version = target === foreign ? 2 : 1;
      const before = (await allEvents(app.deps)).length;

      for (const [headerCase, headers] of headerCases(version)) {
        const random = randomUUID();
        const toForeign = normalised(await ask(probe, target, headers()), target);
        const toRandom = normalised(await ask(probe, random, headers()), random);

        expect({ headerCase, ...toForeign }).toEqual({ headerCase, ...toRandom });
        expect({ headerCase, status: toForeign.status }).not.toEqual({ headerCase, status: 412 });
      }
      expect((await allEvents(app.deps)).length).toBe(before);
    },
  );

  it("answers another user's transactions with a bad cursor like a random id (ownership first)", async () => {
    const probe = (id: string) =>
      send(app.deps, {
        method: 'GET',
        path: `/accounts/${id}/transactions`,
        sub: intruder,
        query: { cursor: 'zzz' },
      });
    const random = randomUUID();

    const toForeign = await probe(foreign);
    const toRandom = await probe(random);
    const toOwn = await probe(own);

    expect(toForeign.status).toBe(404);
    expect(normalised(toForeign, foreign)).toEqual(normalised(toRandom, random));
    expect(toOwn.status).toBe(400);
  });

  it("answers another user's transfer exactly like a random transfer id", async () => {
    const sent = await send(app.deps, {
      method: 'POST',
      path: '/transfers',
      sub: owner,
      body: { fromAccountId: foreign, toAccountId: own, amount: 1 },
    });
    const transferId = String(sent.body['transferId']);
    await projectAll(app.deps);
    const random = randomUUID();

    const toForeign = await send(app.deps, {
      method: 'GET',
      path: `/transfers/${transferId}`,
      sub: intruder,
    });
    const toRandom = await send(app.deps, {
      method: 'GET',
      path: `/transfers/${random}`,
      sub: intruder,
    });

    expect(sent.status).toBe(202);
    expect(normalised(toForeign, transferId)).toEqual(normalised(toRandom, random));
  });
});
