/** One HTTP answer of the API, with its body parsed when it is JSON. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type ApiCall = (method: string, path: string, options?: CallOptions) => Promise<ApiAnswer>;

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

/** A tiny client for the Ledger API at `baseUrl` (no trailing slash). */
export const apiClient =
  (baseUrl: string, fetchFn: typeof fetch = fetch): ApiCall =>
  async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) {
      headers['authorization'] = `Bearer ${options.token}`;
    }
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetchFn(`${baseUrl}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(requestTimeoutMs),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: parse(await response.text()),
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
