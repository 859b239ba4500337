import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continueTrace, parseTraceparent } from '../../../lambdas/trace-context.js';

const version00 = /^00-[\da-f]{32}-[\da-f]{16}-0[0-3]$/;
const hexOf = (length: number) =>
  fc.string({
    unit: fc.constantFrom(
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ),
    minLength: length,
    maxLength: length,
  });
const validIds = fc
  .tuple(hexOf(32), hexOf(16), fc.constantFrom('00', '01'))
  .filter(([trace, parent]) => /[1-9a-f]/.test(trace) && /[1-9a-f]/.test(parent));

// https://www.w3.org/TR/trace-context/#traceparent-header
describe('traceparent', () => {
  it("continues a valid caller's trace: same trace id and flags, a new parent id", () => {
    fc.assert(
      fc.property(validIds, ([traceId, parentId, flags]) => {
        const next = continueTrace(`00-${traceId}-${parentId}-${flags}`);

        expect(next).toMatch(version00);
        expect(parseTraceparent(next)).toMatchObject({ traceId, flags });
        expect(parseTraceparent(next)?.parentId).not.toBe(parentId);
      }),
    );
  });

  it('accepts a later version with extra fields, and passes on only the flags 00 defines', () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';

    expect(parseTraceparent(`cc-${trace}-00f067aa0ba902b7-ff-what-comes-next`)).toEqual({
      traceId: trace,
      parentId: '00f067aa0ba902b7',
      flags: '03',
    });
  });

  it.each([
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['a zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper case', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['version 00 with more fields', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x'],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
  ])('refuses %s', (_, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('starts a new, valid, sampled trace for anything that is not a traceparent', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (header) => {
        fc.pre(parseTraceparent(header) === undefined);

        const next = continueTrace(header);

        expect(next).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-01$/);
        expect(parseTraceparent(next)).toBeDefined();
      }),
    );
  });

  it('gives every new trace and span its own ids, across many pool refills', () => {
    // 4096 random bytes make a pool: 3,000 traces take 72,000 bytes, about 18 pools.
    const traces = Array.from({ length: 3_000 }, () => continueTrace(undefined));
    const traceIds = new Set(traces.map((traceparent) => traceparent.split('-')[1]));
    const spanIds = new Set(traces.map((traceparent) => traceparent.split('-')[2]));

    expect(traceIds.size).toBe(traces.length);
    expect(spanIds.size).toBe(traces.length);
    expect(traces.every((traceparent) => parseTraceparent(traceparent) !== undefined)).toBe(true);
  });
});
