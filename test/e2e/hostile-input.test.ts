import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../lambdas/domain/money.js';
import { createRawClient } from '../../lambdas/dynamodb-client.js';
import { routes } from '../../lib/function-specs.js';
import {
  closeBody,
  depositBody,
  openAccountBody,
  withdrawBody,
} from '../../lambdas/http/schemas/account-commands.js';
import { startTransferBody } from '../../lambdas/http/schemas/transfers.js';
import { mintToken } from '../../local/token.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';

type Route = (typeof routes)[number];

interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** The Authorization header; the owner's valid token when omitted, none when null. */
  readonly authorization?: string | null;
}

const OWNER = 'hostile-owner';
const RUNS = 80;
let api: LocalApi;
let dynamo: DynamoDBClient;
let ownerToken: string;
let own: string;
let foreign: string;

const eventCount = async (): Promise<number> => {
  const { Count } = await dynamo.send(
    new ScanCommand({
      TableName: api.runtime.tables.Events,
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return Count ?? 0;
};

beforeAll(async () => {
  api = await startLocalApi();
  dynamo = createRawClient({ endpoint: api.runtime.dynamoEndpoint });
  ownerToken = await api.token(OWNER);
  const open = async (sub: string): Promise<string> => {
    const response = await api.call('POST', '/accounts', {
      sub,
      body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 10_000 },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { accountId: string }).accountId;
  };
  own = await open(OWNER);
  foreign = await open('victim');
  await api.runtime.whenIdle();
});

afterAll(async () => {
  dynamo.destroy();
  await api.stop();
});

/** A body each route would accept from the owner, so only the hostile part can be refused. */
const validBodies: Partial<Record<Route['id'], () => unknown>> = {
  OpenAccount: () => ({ holderName: 'Eve', currency: 'EUR' }),
  DepositMoney: () => ({ amount: 1 }),
  WithdrawMoney: () => ({ amount: 1 }),
  CloseAccount: () => ({}),
  StartTransfer: () => ({ fromAccountId: own, toAccountId: foreign, amount: 1 }),
};

const pathOf = (route: Route, id?: string): string =>
  route.path.replace('{id}', id ?? (route.path.startsWith('/transfers') ? randomUUID() : own));

const hasBody = (route: Route): boolean => route.method === 'POST';

/** The request a route would accept, with one part to be replaced by something hostile. */
const baseline = (route: Route, id?: string): Attempt => ({
  method: route.method,
  path: pathOf(route, id),
  ...(hasBody(route)
    ? {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validBodies[route.id]?.() ?? {}),
      }
    : {}),
});

const send = (attempt: Attempt): Promise<Response> => {
  const authorization =
    attempt.authorization === undefined ? `Bearer ${ownerToken}` : attempt.authorization;
  return fetch(`${api.runtime.url}${attempt.path}`, {
    method: attempt.method,
    headers: { ...attempt.headers, ...(authorization === null ? {} : { authorization }) },
    ...(attempt.body === undefined ? {} : { body: attempt.body }),
  });
};

/** Always a 4xx problem+json with a useful detail: never a 5xx, never a success. */
const expectRefused = async (attempt: Attempt, expected?: number): Promise<void> => {
  const response = await send(attempt);
  const text = await response.text();
  const label = `${attempt.method} ${attempt.path.slice(0, 200)} -> ${String(response.status)} ${text.slice(0, 300)}`;
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  if (expected !== undefined) {
    expect(response.status, label).toBe(expected);
  }
  expect(response.headers.get('content-type'), label).toBe('application/problem+json');
  const problem = JSON.parse(text) as Record<string, unknown>;
  expect(problem['status'], label).toBe(response.status);
  expect(String(problem['type']), label).toMatch(/^urn:problem:ledger:[a-z-]+$/);
  expect(String(problem['detail']).trim().length, label).toBeGreaterThanOrEqual(10);
};

/** Runs a property and checks that not one event was written meanwhile. */
const refusesAll = async <T>(
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => Promise<void>,
  numRuns = RUNS,
): Promise<void> => {
  const before = await eventCount();
  await fc.assert(fc.asyncProperty(arbitrary, run), { numRuns });
  expect(await eventCount()).toBe(before);
};

const char = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((code) => String.fromCharCode(code));
/** Printable Latin-1: what a header value can carry through fetch and node:http. */
const headerText = fc.string({ unit: fc.oneof(char(0x21, 0x7e), char(0xa0, 0xff)), minLength: 1 });
const asciiText = fc.string({ unit: char(0x21, 0x7e), minLength: 1 });
const anyRoute = fc.constantFrom(...routes);
const commandRoutes = routes.filter(hasBody);
const idRoutes = routes.filter((route) => route.path.includes('{id}'));

describe('hostile input through the local HTTP server', () => {
  it('answers 401 to missing, garbage or forged credentials on every route', async () => {
    const forged = await mintToken(new Uint8Array(32).fill(7), { sub: OWNER });
    const expired = await api.token(OWNER, { issuedAt: 1_000_000, ttlSeconds: 60 });
    const [header, payload] = ownerToken.split('.');
    const credential = fc.oneof(
      fc.constant(null),
      headerText,
      headerText.map((text) => `Bearer ${text}`),
      asciiText.map((text) => `Basic ${Buffer.from(text).toString('base64')}`),
      fc.constantFrom(
        `Bearer ${forged}`,
        `Bearer ${expired}`,
        `Bearer ${String(header)}.${String(payload)}.`,
        `Bearer ${ownerToken}x`,
        ownerToken,
        'Bearer',
      ),
    );

    await refusesAll(fc.tuple(anyRoute, credential), async ([route, authorization]) => {
      await expectRefused({ ...baseline(route), authorization }, 401);
    });
  });

  const ifMatch = headerText.filter(
    (value) => value.trim() !== '*' && !/^(?:W\/)?"\d{1,15}"$/.test(value.trim()),
  );
  const idempotencyKey = fc.oneof(
    asciiText.map((text) => text.padEnd(300, text)),
    fc.tuple(asciiText, asciiText).map(([a, b]) => `${a} ${b}`),
    fc.tuple(asciiText, char(0xa0, 0xff), asciiText).map((parts) => parts.join('')),
    fc
      .string({ unit: 'grapheme', minLength: 1 })
      .filter((text) => /[\u0080-\u{10ffff}]/u.test(text))
      .map((text) => Buffer.from(text, 'utf8').toString('latin1')),
    fc.constant('""'),
  );
  const contentType = fc.oneof(
    fc.constantFrom(
      'text/plain',
      'text/json',
      'application/jsonp',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json+xml',
    ),
    asciiText.map((text) => `text/${text}`),
  );

  it('refuses bad If-Match, Idempotency-Key and Content-Type headers on every command', async () => {
    const header = fc.oneof(
      ifMatch.map((value) => ({ 'if-match': value })),
      idempotencyKey.map((value) => ({ 'idempotency-key': value })),
      contentType.map((value) => ({ 'content-type': value })),
    );

    await refusesAll(fc.tuple(fc.constantFrom(...commandRoutes), header), async ([route, bad]) => {
      const attempt = baseline(route);
      await expectRefused({ ...attempt, headers: { ...attempt.headers, ...bad } });
    });
  });

  it('refuses a command body sent without any content type with 415', async () => {
    await refusesAll(fc.constantFrom(...commandRoutes), async (route) => {
      const { body } = baseline(route);
      await expectRefused(
        { ...baseline(route), headers: {}, body: Buffer.from(String(body)) },
        415,
      );
    });
  });

  it('refuses bad ids in every path with an id', async () => {
    const id = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }),
      asciiText.chain((text) =>
        fc.integer({ min: 300, max: 3_000 }).map((n) => text.padEnd(n, text)),
      ),
      fc.uuid().map((uuid) => uuid.toUpperCase()),
      fc.uuid().map((uuid) => `${uuid}0`),
      fc.uuid().map((uuid) => uuid.replaceAll('-', '')),
      fc.uuid(),
    );
    // Lone surrogates cannot be percent-encoded; a client sends them as U+FFFD.
    const encode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

    await refusesAll(fc.tuple(fc.constantFrom(...idRoutes), id), async ([route, raw]) => {
      await expectRefused(baseline(route, encode(raw)));
    });
  });

  const badInt = fc.constantFrom(
    ...['-1', '0', 'abc', '1.5', '1e3', ' 5', '+5', '0x10', '', '1,2', 'NaN', 'Infinity'],
    ...['99999999999999999999', '١٢', '5 OR 1=1', '-0', '9007199254740993'],
  );
  const badQuery = fc.oneof(
    badInt.map((value) => ({ limit: value })),
    fc.constantFrom('101', '1000').map((value) => ({ limit: value })),
    badInt.map((value) => ({ fromVersion: value })),
    badInt.map((value) => ({ version: value })),
    fc
      .constantFrom('yesterday', 'now', '2026-13-01T00:00:00Z', '2026-01-31', '1700000000', '')
      .map((at) => ({ at })),
    fc.constant({ version: '1', at: '2026-01-01T00:00:00Z' }),
    fc
      .oneof(
        fc.constant(''),
        headerText,
        asciiText.map((t) => t.padEnd(600, t)),
      )
      .map((cursor) => ({
        cursor,
      })),
    fc.tuple(fc.stringMatching(/^[a-z]{1,12}$/), headerText).map(([name, value]) => ({
      [`x${name}`]: value,
    })),
  );

  it('refuses bad query strings on every route', async () => {
    const route = fc.constantFrom(...routes);

    await refusesAll(fc.tuple(route, badQuery), async ([target, query]) => {
      const attempt = baseline(target);
      const search = new URLSearchParams(query).toString();
      await expectRefused({ ...attempt, path: `${attempt.path}?${search}` }, 400);
    });
  });

  it('refuses repeated query parameters', async () => {
    await expectRefused({ method: 'GET', path: `/accounts/${own}/events?limit=1&limit=2` }, 400);
  });

  const wrongAmount = fc.oneof(
    fc.integer({ max: -1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.double({ min: MAX_AMOUNT + 1, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(1e300, Number.MAX_SAFE_INTEGER + 2, MAX_AMOUNT + 1, -1e300),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer({ min: 1, max: 10 })),
    fc.object(),
  );
  const badHolder = fc.oneof(
    fc
      .tuple(fc.string({ unit: 'grapheme' }), char(0x00, 0x1f), fc.string({ unit: 'grapheme' }))
      .map((parts) => parts.join('')),
    fc.constantFrom('', '   ', '\u0085', 'x'.repeat(201), 'é'.repeat(201)),
    wrongAmount.filter((value) => typeof value !== 'string'),
  );
  const badCurrency = fc.oneof(
    fc.string({ unit: 'grapheme' }).filter((currency) => !/^[A-Z]{3}$/.test(currency)),
    fc.constantFrom('eur', 'EURO', 'E1R', 'ЕUR', 'ＥＵＲ', ' EUR', 1, null),
  );

  it('refuses wrong types, bad amounts and bad text in command bodies', async () => {
    const body = fc.oneof(
      wrongAmount.map((amount) => ({ amount })),
      wrongAmount.map((amount) => ({ amount: 1, currency: 'EUR', [`x`]: amount })),
      wrongAmount.map((amount) => ({ fromAccountId: own, toAccountId: foreign, amount })),
      wrongAmount.map((initialDeposit) => ({ holderName: 'Eve', currency: 'EUR', initialDeposit })),
      badHolder.map((holderName) => ({ holderName, currency: 'EUR' })),
      badCurrency.map((currency) => ({ holderName: 'Eve', currency })),
      badCurrency.map((currency) => ({ amount: 1, currency })),
      // A well-formed but unknown target is a valid request (the transfer fails later), so only
      // ids that are not UUIDs are hostile here.
      asciiText.map((id) => ({ fromAccountId: own, toAccountId: id, amount: 1 })),
      fc.uuid().map((id) => ({ fromAccountId: id, toAccountId: own, amount: 1 })),
    );

    await refusesAll(fc.tuple(fc.constantFrom(...commandRoutes), body), async ([route, value]) => {
      await expectRefused({ ...baseline(route), body: JSON.stringify(value) });
    });
  });

  it('refuses unknown fields next to a valid body', async () => {
    const known = [
      'amount',
      'currency',
      'holderName',
      'initialDeposit',
      'toAccountId',
      'reference',
    ];
    const field = fc
      .oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'balance', 'accountId', 'version'),
        fc.string({ unit: 'grapheme', minLength: 1 }),
      )
      .filter((name) => !known.includes(name) && name !== 'fromAccountId');

    await refusesAll(
      fc.tuple(fc.constantFrom(...commandRoutes), field, fc.jsonValue()),
      async ([route, name, value]) => {
        const valid = Object.entries(validBodies[route.id]?.() ?? {});
        const body = JSON.stringify(Object.fromEntries([...valid, [name, value]]));
        await expectRefused({ ...baseline(route), body }, 400);
      },
    );
  });

  const schemas: Partial<
    Record<Route['id'], { safeParse: (value: unknown) => { success: boolean } }>
  > = {
    OpenAccount: openAccountBody,
    DepositMoney: depositBody,
    WithdrawMoney: withdrawBody,
    CloseAccount: closeBody,
    StartTransfer: startTransferBody,
  };
  /** True when the route's own schema would take the text: such a body is no hostile input. */
  const acceptable = (route: Route, text: string): boolean => {
    try {
      return schemas[route.id]?.safeParse(JSON.parse(text)).success === true;
    } catch {
      return false;
    }
  };

  it('refuses arbitrary JSON, malformed JSON and random bytes as command bodies', async () => {
    const body = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('{"amount":', '{"amount":1}}', "{'amount':1}", '{"amount":1e400}'),
      fc.constantFrom('{"amount":12345678901234567890}', '[]', 'null', '"x"', '{"amount":0x10}'),
      fc.constantFrom('\ufeff{"amount":1}', '{"amount":NaN}', '{"amount":1,}', '{"amount":"1"}'),
      fc.uint8Array({ minLength: 1, maxLength: 2_000 }),
    );

    await refusesAll(fc.tuple(fc.constantFrom(...commandRoutes), body), async ([route, value]) => {
      fc.pre(typeof value !== 'string' || !acceptable(route, value));
      await expectRefused({ ...baseline(route), body: value });
    });
  });

  it('refuses bodies over 16 KiB with 413 before parsing them', async () => {
    const size = fc.integer({ min: 16 * 1024 + 1, max: 256 * 1024 });

    await refusesAll(
      fc.tuple(fc.constantFrom(...commandRoutes), size),
      async ([route, bytes]) => {
        const body = JSON.stringify({ padding: 'x'.repeat(bytes) });
        await expectRefused({ ...baseline(route), body }, 413);
      },
      15,
    );
  });

  it('refuses bodies over 1 MiB at the edge with 413', async () => {
    const size = fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 });

    await refusesAll(
      fc.tuple(fc.constantFrom(...commandRoutes), size),
      async ([route, bytes]) => {
        await expectRefused({ ...baseline(route), body: 'x'.repeat(bytes) }, 413);
      },
      5,
    );
  });

  it('answers 405 to a method no route has on a known path', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE');

    await refusesAll(fc.tuple(anyRoute, method), async ([route, verb]) => {
      fc.pre(!routes.some((other) => other.path === route.path && other.method === verb));
      const { path } = baseline(route);
      await expectRefused({ method: verb, path, ...(verb === 'GET' ? {} : { body: '{}' }) }, 405);
    });
  });
});
