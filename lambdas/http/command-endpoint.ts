import { createHash } from 'node:crypto';
import type { AccountCommand, UserActor } from '../domain/account/index.js';
import {
  CommandReplayRequired,
  type AccountService,
  type CommandOutcome,
} from '../application/account-service.js';
import type { Clock } from '../application/ports.js';
import type { CommandRecord, EventStore } from '../event-store/event-store.js';
import { refusalProblem } from './domain-problems.js';
import { idempotencyRecordId, legacyIdempotencyRecordId } from '../event-store/command-ids.js';
import type { HttpEvent, HttpResponse } from './middleware.js';
import { problem, problemResponse } from './problem.js';
import { idempotencyKey, ifMatchVersion, queryParams, requestIdOf } from './request.js';
import { noQuery } from './schemas/queries.js';

export interface CommandDeps {
  readonly service: AccountService;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly idempotencyTtlSeconds: number;
}

export interface CommandEndpoint {
  /** The caller; Idempotency-Keys are scoped to them. */
  readonly actor: UserActor;
  readonly accountId: string;
  readonly command: AccountCommand;
  /** The response of an accepted command. */
  readonly accepted: (outcome: Extract<CommandOutcome, { ok: true }>) => HttpResponse;
}

/** Renders any outcome: accepted by the endpoint, refusals as problem documents. */
const render = (endpoint: CommandEndpoint, outcome: CommandOutcome): HttpResponse => {
  if (outcome.ok) {
    return endpoint.accepted(outcome);
  }
  const retryAfter: Record<string, string> =
    outcome.error.code === 'concurrent-modification' ? { 'retry-after': '1' } : {};
  return problemResponse(refusalProblem(outcome.error), retryAfter);
};

/** What makes two requests "the same" for an idempotency key: route, target and exact body. */
const fingerprintOf = (event: HttpEvent): string =>
  createHash('sha256')
    .update(`${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`)
    .digest('base64url');

const replay = (record: CommandRecord | undefined, fingerprint: string): HttpResponse => {
  if (!record) {
    // The winner of the race has not stored its response yet (only possible mid-transaction).
    return problemResponse(
      problem(
        'request-in-progress',
        'A request with this Idempotency-Key is still being processed.',
      ),
      { 'retry-after': '1' },
    );
  }
  if (record.fingerprint !== fingerprint) {
    return problemResponse(
      problem('idempotency-key-reused', 'This Idempotency-Key was used with a different request.'),
    );
  }
  return {
    statusCode: record.status,
    headers: { ...record.headers, 'idempotent-replayed': 'true' },
    body: record.body,
  };
};

/** The stored response under the pair's record id, or under its id from before issue 11. */
const recordedCommand = async (
  store: EventStore,
  subject: string,
  key: string,
): Promise<CommandRecord | undefined> => {
  const current = await store.getCommand(idempotencyRecordId(subject, key));
  const legacy = legacyIdempotencyRecordId(subject, key);
  return current ?? (legacy === undefined ? undefined : store.getCommand(legacy));
};

/**
 * Runs a command from an HTTP request with the write guarantees: Idempotency-Key replay (scoped to
 * the caller, stored atomically with the events), If-Match pinning, ETag on success.
 */
export const runCommand = async (
  deps: CommandDeps,
  event: HttpEvent,
  endpoint: CommandEndpoint,
): Promise<HttpResponse> => {
  // Commands read their input from the body only; a query string is refused as on every route,
  // rather than ignored while the command goes ahead.
  queryParams(event, noQuery);
  const key = idempotencyKey(event);
  const expectedVersion = ifMatchVersion(event);
  const context = {
    requestId: requestIdOf(event),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  };
  if (key === undefined) {
    return render(
      endpoint,
      await deps.service.execute(endpoint.accountId, endpoint.command, context),
    );
  }
  // Keys are scoped to the caller: the same key from another user is another command.
  const commandId = idempotencyRecordId(endpoint.actor.subject, key);
  const fingerprint = fingerprintOf(event);
  const existing = await recordedCommand(deps.store, endpoint.actor.subject, key);
  if (existing) {
    return replay(existing, fingerprint);
  }
  const record = (outcome: CommandOutcome): CommandRecord => {
    const response = render(endpoint, outcome);
    const now = deps.clock.now();
    return {
      commandId,
      fingerprint,
      status: response.statusCode ?? 200,
      body: typeof response.body === 'string' ? response.body : '',
      headers: Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([name, value]) => [name, String(value)]),
      ),
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + deps.idempotencyTtlSeconds,
    };
  };
  try {
    const outcome = await deps.service.execute(endpoint.accountId, endpoint.command, {
      ...context,
      idempotency: { commandId, record },
    });
    return render(endpoint, outcome);
  } catch (error) {
    if (error instanceof CommandReplayRequired) {
      return replay(await deps.store.getCommand(commandId), fingerprint);
    }
    throw error;
  }
};
