import createClient from 'openapi-fetch';
import type { paths } from '../console/src/api-types.js';

/** One HTTP answer of the API, with its body parsed when it is JSON. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** A route of the OpenAPI document (`docs/openapi.json`), with its `{placeholders}`. */
export type Route = Extract<keyof paths, string>;
export type Method = 'GET' | 'POST' | 'DELETE';

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Values of the route's `{placeholders}`. */
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number>>;
}

export type ApiCall = (method: Method, route: Route, options?: CallOptions) => Promise<ApiAnswer>;

const requestTimeoutMs = 15_000;

const parse = (text: string): unknown => {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The answer's body: openapi-fetch reads error bodies itself (JSON when they parse, else text). */
const bodyOf = (response: Response, data: unknown, error: unknown): unknown => {
  const body = response.ok ? data : error;
  return typeof body === 'string' ? parse(body) : body;
};

/**
 * The generated typed client (openapi-fetch over `console/src/api-types.ts`) for the Ledger API at
 * `baseUrl` (no trailing slash): routes are checked against the OpenAPI document at compile time.
 * Bodies are read as text and checked by the steps, which also send what a client must not.
 */
export const apiClient = (baseUrl: string, fetchFn: typeof fetch = fetch): ApiCall => {
  const client = createClient<paths>({ baseUrl, fetch: fetchFn });
  return async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) {
      headers['authorization'] = `Bearer ${options.token}`;
    }
    const init = {
      params: { path: options.path ?? {}, query: options.query ?? {} },
      headers,
      parseAs: 'text',
      signal: AbortSignal.timeout(requestTimeoutMs),
      ...(options.body === undefined ? {} : { body: options.body }),
    };
    // One call site for every route: the per-route init types are the steps' business.
    const request = client.request as (
      method: string,
      url: string,
      init: unknown,
    ) => Promise<{ response: Response; data?: unknown; error?: unknown }>;
    const { response, data, error } = await request(method.toLowerCase(), route, init);
    return {
      status: response.status,
      headers: response.headers,
      body: bodyOf(response, data, error),
    };
  };
};

/** Thrown by a step whose check does not hold; the message is the step's failure line. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

export const check: (condition: boolean, message: string) => asserts condition = (
  condition,
  message,
) => {
  if (!condition) {
    throw new CheckFailed(message);
  }
};

/** The answer's JSON object (or an empty one), for reading fields. */
export const fields = (answer: ApiAnswer): Record<string, unknown> =>
  typeof answer.body === 'object' && answer.body !== null && !Array.isArray(answer.body)
    ? (answer.body as Record<string, unknown>)
    : {};

const summary = (answer: ApiAnswer): string => {
  const body = fields(answer);
  const code = typeof body['code'] === 'string' ? ` ${body['code']}` : '';
  return `${answer.status}${code}`;
};

/** Fails unless the answer has this status, naming the status and problem code it got. */
export const expectStatus = (answer: ApiAnswer, status: number, what: string): void => {
  check(answer.status === status, `${what}: expected ${status}, got ${summary(answer)}`);
};

/** Fails unless `actual` equals `expected` (compared as JSON). */
export const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  check(a === e, `${what}: expected ${e}, got ${a}`);
};

const sleep = (ms: number) =>
  new Promise<void>((done) => {
    setTimeout(done, ms);
  });

/**
 * Calls `attempt` until it answers a value or the time is up (read models and transfers are
 * eventually consistent); the last failure explains the timeout.
 */
export const eventually = async <T>(
  withinMs: number,
  attempt: () => Promise<T | undefined>,
  what: string,
): Promise<T> => {
  const deadline = Date.now() + withinMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
    const value = await attempt();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() + pause > deadline) {
      throw new CheckFailed(`${what}: not within ${Math.round(withinMs / 1000)} s`);
    }
    await sleep(pause);
  }
};
