import { expect } from 'vitest';
import { AccountService } from '../../../lambdas/application/account-service.js';
import type { RetryPolicy } from '../../../lambdas/application/retry.js';
import { protectEventData } from '../../../lambdas/crypto/index.js';
import type { Dependencies } from '../../../lambdas/dependencies.js';
import type { AlreadyRecorded } from '../../../lambdas/event-store/command-log.js';
import type {
  AppendRequest,
  EventStore,
  RecordedEvent,
  VersionRange,
} from '../../../lambdas/event-store/event-store.js';
import { send, type TestRequest, type TestResponse } from '../../support/app.js';

/** The failure a Lambda killed mid-request leaves behind: the client never sees the response. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/**
 * An EventStore that forwards every call, with hooks around `append`: `before` runs first (a racing
 * writer), `after` runs once the inner append took effect (a crash after the write).
 */
export class HookedStore implements EventStore {
  appends = 0;
  before: ((request: AppendRequest) => Promise<void>) | undefined;
  after: ((request: AppendRequest) => void) | undefined;

  constructor(readonly inner: EventStore) {}

  load(streamId: string, range?: VersionRange): Promise<RecordedEvent[]> {
    return this.inner.load(streamId, range);
  }

  async append(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded> {
    this.appends += 1;
    await this.before?.(request);
    const appended = await this.inner.append(request);
    this.after?.(request);
    return appended;
  }
}

/** A service over `store` with the real personal-data protection of `base` and no state cache. */
export const serviceOver = (
  base: Dependencies,
  store: EventStore,
  retry: RetryPolicy = { budgetMs: 3_000, baseDelayMs: 5, maxDelayMs: 200 },
): AccountService =>
  new AccountService({
    store,
    commandLog: base.commandLog,
    clock: base.clock,
    ids: base.ids,
    protection: {
      protect: (subjectId, binding, data) =>
        protectEventData(base.personalData, subjectId, binding, data),
    },
    retry,
  });

/** `base` with its command path (the service) rebuilt over `store`. */
export const commandsOver = (
  base: Dependencies,
  store: EventStore,
  retry?: RetryPolicy,
): Dependencies => {
  const service = serviceOver(base, store, retry);
  return { ...base, store, service, commands: { ...base.commands, service } };
};

/**
 * Opens an account for `sub` over HTTP, empty, then deposits `balance` into it (versions 1 and 2,
 * so the tests can race on a version that is not the opening one), and returns its id.
 */
export const openAccount = async (
  deps: Dependencies,
  sub: string,
  balance = 10_000,
): Promise<string> => {
  const response = await send(deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName: 'Ada Lovelace', currency: 'EUR' },
  });
  expect(response.status).toBe(201);
  const accountId = String(response.body['accountId']);
  if (balance > 0) {
    const deposit = await send(deps, {
      method: 'POST',
      path: `/accounts/${accountId}/deposits`,
      sub,
      body: { amount: balance },
    });
    expect(deposit.status).toBe(200);
  }
  return accountId;
};

/** A POST to one of an account's command routes, optionally with an Idempotency-Key. */
export const command = (
  accountId: string,
  route: 'deposits' | 'withdrawals' | 'close',
  options: { sub: string; amount?: number; key?: string; headers?: Record<string, string> },
): TestRequest => ({
  method: 'POST',
  path: `/accounts/${accountId}/${route}`,
  sub: options.sub,
  ...(options.amount === undefined ? {} : { body: { amount: options.amount } }),
  headers: {
    ...(options.key === undefined ? {} : { 'idempotency-key': options.key }),
    ...options.headers,
  },
});

/** The events of one account, straight from the event store (strongly consistent). */
export const eventsOf = (deps: Dependencies, accountId: string): Promise<RecordedEvent[]> =>
  deps.store.load(accountId);

/** The event types of an account in version order. */
export const typesOf = async (deps: Dependencies, accountId: string): Promise<string[]> =>
  (await eventsOf(deps, accountId)).map((event) => event.type);

/** Asserts an RFC 9457 problem response with the given status and code. */
export const expectProblem = (response: TestResponse, status: number, code: string): void => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body).toMatchObject({ type: `urn:problem:ledger:${code}`, status, code });
  expect(String(response.body['detail']).length).toBeGreaterThan(0);
};
