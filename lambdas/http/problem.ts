import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AccountError } from '../domain/account/index.js';
import type { ServiceError } from '../application/account-service.js';

type EdgeProblemCode =
  | 'invalid-request'
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'request-header-fields-too-large'
  | 'unsupported-media-type'
  | 'idempotency-key-reused'
  | 'request-in-progress'
  | 'transfer-not-found'
  | 'accounts-hold-money'
  | 'service-unavailable'
  | 'not-implemented'
  | 'internal-error';

export type ProblemCode = AccountError['code'] | ServiceError['code'] | EdgeProblemCode;

/** The one table from problem code to HTTP status and title. */
const problems = {
  'insufficient-funds': { status: 409, title: 'Insufficient funds' },
  'account-closed': { status: 409, title: 'Account is closed' },
  'account-not-found': { status: 404, title: 'Account not found' },
  'account-already-exists': { status: 409, title: 'Account already exists' },
  'personal-data-erased': { status: 410, title: "The account owner's personal data was erased" },
  'balance-not-zero': { status: 409, title: 'Balance is not zero' },
  'invalid-amount': { status: 400, title: 'Invalid amount' },
  'unsupported-currency': { status: 400, title: 'Unsupported currency' },
  'currency-mismatch': { status: 409, title: 'Currency does not match the account' },
  'balance-limit-exceeded': { status: 409, title: 'Balance limit exceeded' },
  'same-account': { status: 400, title: 'Source and target are the same account' },
  'version-mismatch': { status: 412, title: 'Version does not match If-Match' },
  'concurrent-modification': { status: 409, title: 'Concurrent modification' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'request-header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key was already used with a different request',
  },
  'request-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is in progress',
  },
  'transfer-not-found': { status: 404, title: 'Transfer not found' },
  'accounts-hold-money': { status: 409, title: 'Accounts still hold money' },
  'service-unavailable': { status: 503, title: 'Service temporarily unavailable' },
  'not-implemented': { status: 501, title: 'Not implemented' },
  'internal-error': { status: 500, title: 'Internal server error' },
} as const satisfies Record<ProblemCode, { status: number; title: string }>;

/** Every problem code with its status and title, for the OpenAPI document. */
export const problemCatalogue: Readonly<Record<ProblemCode, { status: number; title: string }>> =
  problems;

/** An RFC 9457 problem document; `code` repeats the slug of `type` for clients that switch on it. */
export interface Problem {
  readonly type: string;
  readonly code: ProblemCode;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

const problemType = (code: ProblemCode): string => `urn:problem:ledger:${code}`;

export const problem = (
  code: ProblemCode,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): Problem => {
  const { status, title } = problems[code];
  return { ...extensions, type: problemType(code), code, title, status, detail };
};

/** Thrown at the edge for bad input; rendered as a problem response by the middleware. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
  }
}

export const httpProblem = (
  code: ProblemCode,
  detail: string,
  extensions?: Readonly<Record<string, unknown>>,
): HttpProblem => new HttpProblem(problem(code, detail, extensions));

export const problemResponse = (
  body: Problem,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: body.status,
  headers: { ...headers, 'content-type': 'application/problem+json' },
  body: JSON.stringify(body),
});
