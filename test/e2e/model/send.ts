import { randomUUID } from 'node:crypto';
import type { Answer, Stack } from './stack.js';
import {
  fingerprintOf,
  pendingTransfers,
  remember,
  settle,
  storedAnswer,
  type Model,
  type ModelAccount,
  type Refusal,
  type IfMatch,
  type StoredAnswer,
} from './model.js';

export type { IfMatch };

/** A check of the model failed: the message says what the real stack did instead. */
export class ModelViolation extends Error {
  override readonly name = 'ModelViolation';
}

export const survey: string[] = [];
export const expect = (condition: boolean, message: () => string): void => {
  if (!condition) {
    throw new ModelViolation(message());
  }
};

export const fields = (answer: Answer): Record<string, unknown> =>
  typeof answer.body === 'object' && answer.body !== null
    ? (answer.body as Record<string, unknown>)
    : {};

export const describe = (answer: Answer): string => `${answer.status} ${answer.text.slice(0, 240)}`;

/** Waits for the stream consumer, then settles every started transfer in the model. */
export const settleAll = async (model: Model, stack: Stack): Promise<void> => {
  const pending = pendingTransfers(model);
  if (pending.length === 0) {
    return;
  }
  await stack.idle();
  pending.forEach(settle);
};

export interface AccountRequest {
  readonly actor: string;
  readonly path: (id: string) => string;
  readonly body: unknown;
  readonly key: string | undefined;
  readonly ifMatch: IfMatch;
  /** The target in the model; undefined when it is an id no account has. */
  readonly account: ModelAccount | undefined;
  readonly id: string;
}

const ifMatchHeader = (request: AccountRequest): Record<string, string> => {
  if (request.ifMatch === 'none') {
    return {};
  }
  const version = request.account?.version ?? 1;
  return { 'if-match': `"${request.ifMatch === 'current' ? version : version + 3}"` };
};

const headersOf = (request: AccountRequest, key: string | undefined) => ({
  ...ifMatchHeader(request),
  ...(key === undefined ? {} : { 'idempotency-key': key }),
});

const send = (stack: Stack, request: AccountRequest, id: string, key: string | undefined) =>
  stack.call(request.actor, 'POST', request.path(id), {
    body: request.body,
    headers: headersOf(request, key),
  });

/** Foreign resources must answer exactly as a random id does, with the same headers sent. */
export const expectLikeMissing = (answer: Answer, missing: Answer, what: string): void => {
  const shape = (a: Answer) => JSON.stringify([a.status, a.headers.get('content-type'), a.body]);
  expect(
    shape(answer) === shape(missing),
    () => `${what}: a foreign id answered ${describe(answer)}, a missing id ${describe(missing)}`,
  );
};

const expectRefusal = (answer: Answer, refusals: readonly Refusal[], what: string): void => {
  const code = fields(answer)['code'];
  expect(
    refusals.some(([status, expected]) => answer.status === status && code === expected),
    () => `${what}: expected one of ${JSON.stringify(refusals)}, got ${describe(answer)}`,
  );
};

const isKeyAnswer = (answer: Answer): boolean =>
  answer.headers.get('idempotent-replayed') === 'true' ||
  (answer.status === 422 && fields(answer)['code'] === 'idempotency-key-reused');

const isAmbiguous = (model: Model, actor: string, key: string): boolean =>
  model.ambiguousKeys.get(actor)?.has(key) ?? false;

const markAmbiguous = (model: Model, actor: string, key: string | undefined): void => {
  if (key !== undefined) {
    model.ambiguousKeys.set(actor, new Set([...(model.ambiguousKeys.get(actor) ?? []), key]));
  }
};

const expectStored = (answer: Answer, stored: StoredAnswer, fingerprint: string, what: string) => {
  if (stored.fingerprint !== fingerprint) {
    expectRefusal(answer, [[422, 'idempotency-key-reused']], what);
    return;
  }
  expect(
    answer.status === stored.status && answer.text === stored.text,
    () => `${what}: a replay answered ${describe(answer)}, first ${stored.status} ${stored.text}`,
  );
  expect(answer.headers.get('idempotent-replayed') === 'true', () => `${what}: replay not marked`);
};

/**
 * Sends an account command, checks the answer against the model's prediction (a replay, a
 * refusal, or success) and answers the response for the caller to apply a success to the model.
 */
export const sendCommand = async (
  model: Model,
  stack: Stack,
  request: AccountRequest,
  predicted: { refusals: readonly Refusal[]; success: number; what: string },
): Promise<Answer | undefined> => {
  await settleAll(model, stack);
  if (predicted.refusals.some(([status]) => status === 400)) {
    // Refused at the edge, before any Idempotency-Key is looked up or stored.
    const answer = await send(stack, request, request.id, request.key);
    expectRefusal(answer, predicted.refusals, predicted.what);
    return undefined;
  }
  const fingerprint = fingerprintOf('POST', request.path(request.id), request.body);
  const { key, actor } = request;
  const stored = key === undefined ? undefined : storedAnswer(model, actor, key);
  // Whether a key sent to a missing or foreign account, or by an erased user, is stored is the
  // service's choice: such keys are "ambiguous", and a later use may meet a record or not.
  const uncertain =
    key !== undefined &&
    (predicted.refusals.some(([status]) => status === 404) || model.erased.has(actor));
  const ambiguous = key !== undefined && isAmbiguous(model, actor, key);
  const answer = await send(stack, request, request.id, key);
  expect(answer.status < 500, () => `${predicted.what}: ${describe(answer)}`);
  if ((uncertain || ambiguous) && isKeyAnswer(answer)) {
    markAmbiguous(model, actor, key);
    return undefined;
  }
  if (stored !== undefined && !uncertain) {
    expectStored(answer, stored, fingerprint, predicted.what);
    return undefined;
  }
  if (uncertain) {
    markAmbiguous(model, actor, key);
  } else if (key !== undefined && answer.status !== 400 && answer.status !== 412) {
    // Edge refusals (400) and version refusals (412) are decided before the command runs and are
    // not stored: a retry with the same key is decided again.
    remember(model, actor, key, { fingerprint, status: answer.status, text: answer.text });
    model.sent.push({
      actor,
      path: request.path(request.id),
      body: request.body,
      headers: headersOf(request, key),
      key,
    });
  }
  expect(
    stored !== undefined || ambiguous || answer.headers.get('idempotent-replayed') === null,
    () => `${predicted.what}: a first request was answered as a replay: ${describe(answer)}`,
  );
  const foreign = request.account !== undefined && request.account.owner !== request.actor;
  if (foreign) {
    // A key that met a record was answered above; so this key had none, and the foreign request
    // may just have stored its refusal under it. The missing id gets a key as new as this one was.
    const missingKey = key === undefined ? undefined : randomUUID();
    const missing = await send(stack, request, randomUUID(), missingKey);
    expectLikeMissing(answer, missing, predicted.what);
  }
  if (predicted.refusals.length > 0) {
    expectRefusal(answer, predicted.refusals, predicted.what);
    return undefined;
  }
  expect(
    answer.status === predicted.success,
    () => `${predicted.what}: expected ${predicted.success}, got ${describe(answer)}`,
  );
  return answer;
};
