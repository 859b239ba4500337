import { describe, expect, it } from 'vitest';
import { problem } from '../../../lambdas/http/problem.js';
import { edgeProblem } from '../../../local/problem.js';

describe('local edge problems', () => {
  it.each([
    'unauthorized',
    'not-found',
    'method-not-allowed',
    'payload-too-large',
    'internal-error',
  ] as const)('renders %s exactly as the handlers do', (code) => {
    expect(edgeProblem(code, 'detail')).toEqual(problem(code, 'detail'));
  });

  it('answers a route without a handler module with 501', () => {
    expect(edgeProblem('not-implemented', 'x')).toMatchObject({
      type: 'urn:problem:ledger:not-implemented',
      status: 501,
    });
  });
});
