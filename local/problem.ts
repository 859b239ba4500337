import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { securityHeaders } from '../lambdas/http/security-headers.js';
import { problem, type Problem, type ProblemCode } from '../lambdas/http/problem.js';

/** Problems the local edge answers itself, before or instead of a handler. */
export type EdgeProblemCode = Extract<
  ProblemCode,
  | 'invalid-request'
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'request-header-fields-too-large'
  | 'not-implemented'
  | 'internal-error'
>;

/** The handlers' own problem document (one code -> status table), so clients see one shape. */
export const edgeProblem = (code: EdgeProblemCode, detail: string): Problem =>
  problem(code, detail);

// The handlers' security headers too: an answer of the edge is no less a response of the API.
const problemHeaders = (body: string, headers: Readonly<Record<string, string>>) => ({
  ...headers,
  ...securityHeaders,
  'content-type': 'application/problem+json',
  'content-length': String(Buffer.byteLength(body)),
});

/** Writes an RFC 9457 problem response and answers its status. */
export const writeProblem = (
  response: ServerResponse,
  code: EdgeProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): number => {
  const problem = edgeProblem(code, detail);
  const body = JSON.stringify(problem);
  response.writeHead(problem.status, problemHeaders(body, headers));
  response.end(body);
  return problem.status;
};

/**
 * The bytes of a whole HTTP/1.1 problem response, for a connection Node refused to parse (header
 * overflow, malformed request line), where no ServerResponse exists. The connection then closes.
 */
export const rawProblem = (
  code: EdgeProblemCode,
  detail: string,
): { status: number; bytes: string } => {
  const problem = edgeProblem(code, detail);
  const body = JSON.stringify(problem);
  const headers = { ...problemHeaders(body, {}), connection: 'close' };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  const statusLine = `HTTP/1.1 ${String(problem.status)} ${STATUS_CODES[problem.status] ?? ''}`;
  return { status: problem.status, bytes: [statusLine, ...lines, '', body].join('\r\n') };
};
