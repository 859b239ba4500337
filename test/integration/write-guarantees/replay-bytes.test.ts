import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dependencies } from '../../../lambdas/dependencies.js';
import { idempotencyRecordId } from '../../../lambdas/event-store/command-ids.js';
import type { HttpEvent } from '../../../lambdas/http/middleware.js';
import { createTestApp, httpEvent, type TestApp, type TestRequest } from '../../support/app.js';
import { putRenderedEntry } from '../../support/command-entries.js';
import { command, openAccount, typesOf } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

type Factory = (
  deps: Dependencies,
) => (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Sends a request through its real handler and answers the response as it leaves: raw bytes. */
const sendRaw = async (request: TestRequest): Promise<APIGatewayProxyStructuredResultV2> => {
  const { event, handler } = httpEvent(request);
  const module = (await import(`../../../lambdas/handlers/${handler}.ts`)) as Record<
    string,
    unknown
  >;
  const factory = Object.values(module).find(
    (value): value is Factory => typeof value === 'function' && value !== module['handler'],
  );
  return factory!(app.deps)(event, { awsRequestId: 'raw', functionName: 'test' } as Context);
};

/** Asserts `retry` is `first` byte for byte, with `idempotent-replayed: true` added. */
const expectReplayOf = (
  retry: APIGatewayProxyStructuredResultV2,
  first: APIGatewayProxyStructuredResultV2,
) => {
  expect(first.headers?.['idempotent-replayed']).toBeUndefined();
  expect(retry.statusCode).toBe(first.statusCode);
  expect(retry.body).toBe(first.body);
  expect(retry.headers).toEqual({ ...first.headers, 'idempotent-replayed': 'true' });
};

describe('a replayed response is the first response byte for byte', () => {
  it('of an accepted deposit: status, body and every header', async () => {
    const id = await openAccount(app.deps, 'bytes-ok');
    const request = command(id, 'deposits', { sub: 'bytes-ok', amount: 321, key: 'b-1' });

    const first = await sendRaw(request);
    const retry = await sendRaw(request);

    expect(first.statusCode).toBe(200);
    expect(JSON.parse(String(first.body))).toMatchObject({ accountId: id, balance: 10_321 });
    expectReplayOf(retry, first);
  });

  it('of an opening: the same account id, Location and ETag', async () => {
    const request: TestRequest = {
      method: 'POST',
      path: '/accounts',
      sub: 'bytes-open',
      body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 50 },
      headers: { 'idempotency-key': 'o-1' },
    };

    const first = await sendRaw(request);
    const retry = await sendRaw(request);

    expect(first.statusCode).toBe(201);
    expectReplayOf(retry, first);
  });

  it('of a started transfer: the same transfer id and Location', async () => {
    const from = await openAccount(app.deps, 'bytes-tx');
    const to = await openAccount(app.deps, 'bytes-tx-target');
    const request: TestRequest = {
      method: 'POST',
      path: '/transfers',
      sub: 'bytes-tx',
      body: { fromAccountId: from, toAccountId: to, amount: 700, reference: 'rent' },
      headers: { 'idempotency-key': 't-1' },
    };

    const first = await sendRaw(request);
    const retry = await sendRaw(request);

    expect(first.statusCode).toBe(202);
    expectReplayOf(retry, first);
    expect(await typesOf(app.deps, from)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'TransferSent',
    ]);
  });

  it('of a refusal with its fields, though the balance changed since', async () => {
    const id = await openAccount(app.deps, 'bytes-no', 1_000);
    const overdraft = command(id, 'withdrawals', { sub: 'bytes-no', amount: 4_000, key: 'n-1' });

    const first = await sendRaw(overdraft);
    await sendRaw(command(id, 'deposits', { sub: 'bytes-no', amount: 9_000 }));
    const retry = await sendRaw(overdraft);

    expect(first.statusCode).toBe(409);
    expect(JSON.parse(String(first.body))).toMatchObject({ balance: 1_000, requested: 4_000 });
    expectReplayOf(retry, first);
  });

  it("of a foreign account's 404, which is exactly a missing account's", async () => {
    const theirs = await openAccount(app.deps, 'bytes-owner');
    const missing = '00000000-0000-4000-8000-000000000000';
    const foreign = command(theirs, 'deposits', { sub: 'bytes-intruder', amount: 5, key: 'f-1' });
    const absent = command(missing, 'deposits', { sub: 'bytes-intruder', amount: 5, key: 'f-2' });

    const foreignFirst = await sendRaw(foreign);
    const absentFirst = await sendRaw(absent);
    const foreignRetry = await sendRaw(foreign);
    const absentRetry = await sendRaw(absent);

    expect(foreignFirst.statusCode).toBe(404);
    expect(foreignFirst.body).toBe(absentFirst.body);
    expect(foreignFirst.headers).toEqual(absentFirst.headers);
    expectReplayOf(foreignRetry, foreignFirst);
    expectReplayOf(absentRetry, absentFirst);
    expect(await typesOf(app.deps, theirs)).toEqual(['AccountOpened', 'MoneyDeposited']);
  });
});

describe('a record stored before the command log (a rendered response)', () => {
  const fingerprintOf = (request: TestRequest): string => {
    const { event } = httpEvent(request);
    return createHash('sha256')
      .update(`${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`)
      .digest('base64url');
  };

  it('replays exactly as stored, and the command does not run', async () => {
    const id = await openAccount(app.deps, 'old-shape');
    const request = command(id, 'deposits', { sub: 'old-shape', amount: 10, key: 'old-1' });
    const stored = {
      commandId: idempotencyRecordId('old-shape', 'old-1'),
      fingerprint: fingerprintOf(request),
      status: 200,
      // Odd spacing and an ETag of another version: what is stored is what is served.
      body: '{"accountId":"' + id + '", "version":9,"balance":77}',
      headers: { etag: '"9"', 'content-type': 'application/json' },
    };
    await putRenderedEntry(app.deps, stored);

    const retry = await sendRaw(request);

    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(stored.body);
    // The middleware adds the security headers to every response, replays included.
    expect(retry.headers).toMatchObject({ ...stored.headers, 'idempotent-replayed': 'true' });
    expect(await typesOf(app.deps, id)).toEqual(['AccountOpened', 'MoneyDeposited']);
  });

  it('answers 422 to another request under its key', async () => {
    const id = await openAccount(app.deps, 'old-shape-2');
    const request = command(id, 'deposits', { sub: 'old-shape-2', amount: 10, key: 'old-2' });
    await putRenderedEntry(app.deps, {
      commandId: idempotencyRecordId('old-shape-2', 'old-2'),
      fingerprint: 'another-request',
      status: 200,
      body: '{}',
      headers: {},
    });

    const retry = await sendRaw(request);

    expect(retry.statusCode).toBe(422);
    expect(JSON.parse(String(retry.body))).toMatchObject({ code: 'idempotency-key-reused' });
  });
});
