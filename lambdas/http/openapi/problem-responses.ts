import { problemCatalogue, type ProblemCode } from '../problem.js';

/** Problem statuses any route can answer: bad input, no token, too large, failure, busy. */
export const everyRouteProblems = [400, 401, 413, 500, 503] as const;

type Schema = Record<string, unknown>;

/** RFC 9457 members every problem carries; extensions (balance, allow, ...) are allowed. */
export const problemSchema: Schema = {
  type: 'object',
  required: ['type', 'code', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', pattern: '^urn:problem:ledger:[a-z-]+$' },
    code: { type: 'string', enum: Object.keys(problemCatalogue) },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
  },
};

const codesWithStatus = (status: number): ProblemCode[] =>
  (Object.entries(problemCatalogue) as [ProblemCode, { status: number }][])
    .filter(([, entry]) => entry.status === status)
    .map(([code]) => code);

const headersOf = (status: number): Schema => {
  const text = { schema: { type: 'string' } };
  switch (status) {
    case 401:
      return { 'WWW-Authenticate': { ...text, required: true } };
    case 409:
    case 503:
      return { 'Retry-After': { ...text, description: 'Seconds to wait before retrying' } };
    case 405:
      return { Allow: { ...text, required: true } };
    default:
      return {};
  }
};

/**
 * The problem response of one status: the Problem schema with `status` fixed and `code` limited to
 * the codes that status carries in the one problem table, so a code cannot answer the wrong status.
 */
export const problemResponse = (status: number): Schema => {
  const codes = codesWithStatus(status);
  if (codes.length === 0) {
    throw new Error(`no problem code answers ${status}`);
  }
  return {
    description: codes.map((code) => problemCatalogue[code].title).join('; '),
    headers: headersOf(status),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            {
              properties: {
                status: { const: status },
                code: { enum: codes },
                type: { enum: codes.map((code) => `urn:problem:ledger:${code}`) },
              },
            },
          ],
        },
      },
    },
  };
};
