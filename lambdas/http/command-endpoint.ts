import { createHash } from 'node:crypto';
import type { AccountCommand, UserActor } from '../domain/account/index.js';
import type { AccountService, CommandOutcome } from '../application/account-service.js';
import type { AcceptedView, CommandEntry, CommandLog } from '../event-store/command-log.js';
import { refusalProblem } from './domain-problems.js';
import { idempotencyRecordId, legacyIdempotencyRecordId } from '../event-store/command-ids.js';
import type { HttpEvent, HttpResponse } from './middleware.js';
import { problem, problemResponse } from './problem.js';
import { idempotencyKey, ifMatchVersion, queryParams, requestIdOf } from './request.js';
import { noQuery } from './schemas/queries.js';

export interface CommandDeps {
  readonly service: AccountService;
  readonly commandLog: CommandLog;
  readonly idempotencyTtlSeconds: number;
}

/** What the answer of an accepted command is rendered from, first time and on replay alike. */
export interface AcceptedAnswer {
  readonly accountId: string;
  readonly version: number;
  readonly view: AcceptedView;
}

export interface CommandEndpoint {
  /** The caller; Idempotency-Keys are scoped to them. */
  readonly actor: UserActor;
  readonly accountId: string;
  readonly command: AccountCommand;
  /** The response of an accepted command (from the view fields the command log keeps). */
  readonly accepted: (answer: AcceptedAnswer) => HttpResponse;
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

/** The answer a command log entry records, rendered as the first answer was. */
const recordedResponse = (endpoint: CommandEndpoint, entry: CommandEntry): HttpResponse => {
  const { outcome } = entry;
  switch (outcome.kind) {
    case 'accepted':
      return endpoint.accepted(outcome);
    case 'refused':
      return render(endpoint, { ok: false, accountId: outcome.accountId, error: outcome.error });
    case 'rendered':
      return { statusCode: outcome.status, headers: outcome.headers, body: outcome.body };
  }
};

/** Replays the entry of an earlier request under the key, if it is the same request. */
const replay = (endpoint: CommandEndpoint, entry: CommandEntry, fingerprint: string) => {
  if (entry.fingerprint !== fingerprint) {
    return problemResponse(
      problem('idempotency-key-reused', 'This Idempotency-Key was used with a different request.'),
    );
  }
  const response = recordedResponse(endpoint, entry);
  return { ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' } };
};

/** The entry under the pair's record id, or under its id from before issue 11. */
const recordedCommand = async (
  log: CommandLog,
  subject: string,
  key: string,
): Promise<CommandEntry | undefined> => {
  const current = await log.find(idempotencyRecordId(subject, key));
  const legacy = legacyIdempotencyRecordId(subject, key);
  return current ?? (legacy === undefined ? undefined : log.find(legacy));
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
  const fingerprint = fingerprintOf(event);
  const existing = await recordedCommand(deps.commandLog, endpoint.actor.subject, key);
  if (existing) {
    return replay(endpoint, existing, fingerprint);
  }
  const outcome = await deps.service.execute(endpoint.accountId, endpoint.command, context, {
    commandId: idempotencyRecordId(endpoint.actor.subject, key),
    fingerprint,
    ttlSeconds: deps.idempotencyTtlSeconds,
  });
  return 'alreadyRecorded' in outcome
    ? replay(endpoint, outcome.alreadyRecorded, fingerprint)
    : render(endpoint, outcome);
};
