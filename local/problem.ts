import type { ServerResponse } from 'node:http';
import { problem, type Problem, type ProblemCode } from '../lambdas/http/problem.js';

/** Problems the local edge answers itself, before or instead of a handler. */
export type EdgeProblemCode = Extract<
  ProblemCode,
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'not-implemented'
  | 'internal-error'
>;

/** The handlers' own problem document (one code -> status table), so clients see one shape. */
export const edgeProblem = (code: EdgeProblemCode, detail: string): Problem =>
  problem(code, detail);

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
