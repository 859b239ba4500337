import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackFrames } from '../../../lambdas/http/error-frames.js';

const marker = 'Jane-Doe-1970';

// Messages a foreign error might carry: input quoted with newlines and lines shaped like frames.
const hostileMessage = fc
  .array(fc.oneof(fc.string(), fc.constantFrom('\n', '    at ', ' (file:1:1)', marker)))
  .map((parts) => [...parts, marker].join(''));

describe('stackFrames', () => {
  it('keeps the frames of an error and drops its Name: message line', () => {
    const frames = stackFrames(new TypeError('Ada Lovelace'));

    expect(frames).toMatch(/^ {4}at /);
    expect(frames).toContain('error-frames.test.ts');
    expect(frames).not.toContain('Ada');
  });

  it('never returns any part of the message, whatever lines it holds', () => {
    fc.assert(
      fc.property(hostileMessage, (message) => {
        expect(stackFrames(new Error(message)) ?? '').not.toContain(marker);
      }),
    );
  });

  it('trusts no frame when the message changed after the stack was taken', () => {
    const error = new Error('original');
    expect(error.stack).toContain('original');
    error.message = marker;

    expect(stackFrames(error)).toBeUndefined();
  });

  it('answers undefined for what is not an Error', () => {
    expect(stackFrames({ stack: `${marker}\n    at x (y:1:1)` })).toBeUndefined();
    expect(stackFrames('boom')).toBeUndefined();
  });
});
