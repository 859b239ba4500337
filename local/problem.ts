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

/** The problem document the handlers' own `problem()` builds, so clients see one shape. */
export const edgeProblem = (code: EdgeProblemCode, detail: string) => {
  const { status, title } = problems[code];
  return { type: `urn:problem:ledger:${code}`, code, title, status, detail };
};

/** Writes an RFC 9457 problem response and answers its status. */
export const writeProblem = (
  response: ServerResponse,
  code: EdgeProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): number => {
  const problem = edgeProblem(code, detail);
  const body = JSON.stringify(problem);
  response.writeHead(problem.status, {
    ...headers,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
  return problem.status;
};
