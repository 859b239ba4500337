import type { ServerResponse } from 'node:http';

/** Problems the local edge answers itself, before or instead of a handler. */
export type EdgeProblemCode =
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'not-implemented'
  | 'internal-error';

const problems = {
  unauthorized: { status: 401, title: 'Unauthorized' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'not-implemented': { status: 501, title: 'Not implemented' },
  'internal-error': { status: 500, title: 'Internal server error' },
} as const satisfies Record<EdgeProblemCode, { status: number; title: string }>;

/** Base of every problem `type` URI; the code is its last segment. */
export const problemTypeBase = 'https://ledger.example/problems/';

/** Writes an RFC 9457 problem response and answers its status. */
export const writeProblem = (
  response: ServerResponse,
  code: EdgeProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): number => {
  const { status, title } = problems[code];
  const body = JSON.stringify({ type: `${problemTypeBase}${code}`, title, status, detail });
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
  return status;
};
