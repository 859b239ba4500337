import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeIdempotencyScope,
  idempotencyRecordId,
  legacyIdempotencyRecordId,
} from '../../../lambdas/event-store/command-ids.js';
import { stepCommandId } from '../../../lambdas/event-store/command-ids.js';

// Issue 11 item 3: no two (subject, key) pairs may map to one Commands record.
const subject = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('col', 'col#x', '3:a', ''),
);
const key = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
  fc.constantFrom('k', 'x#k', '#'),
);
const pair = fc.tuple(subject, key);

/** Reads the encoding back: the proof that it is injective. */
const decode = (encoded: string): [string, string] => {
  const colon = encoded.indexOf(':');
  const length = Number(encoded.slice(0, colon));
  const rest = encoded.slice(colon + 1);
  return [rest.slice(0, length), rest.slice(length)];
};

describe('the record id of an Idempotency-Key', () => {
  it('encodes the pair so that it can be read back', () => {
    fc.assert(
      fc.property(pair, ([s, k]) => {
        expect(decode(encodeIdempotencyScope(s, k))).toEqual([s, k]);
      }),
    );
  });

  it('never maps two distinct pairs to one id', () => {
    fc.assert(
      fc.property(pair, pair, ([s1, k1], [s2, k2]) => {
        fc.pre(s1 !== s2 || k1 !== k2);
        expect(idempotencyRecordId(s1, k1)).not.toBe(idempotencyRecordId(s2, k2));
      }),
      { numRuns: 2_000 },
    );
  });

  it('separates the pairs that `subject#key` merged', () => {
    expect(idempotencyRecordId('col', 'x#k')).not.toBe(idempotencyRecordId('col#x', 'k'));
    expect(idempotencyRecordId('a', '1b')).not.toBe(idempotencyRecordId('a1', 'b'));
  });

  it('is never a record id of the old form nor a transfer step id', () => {
    fc.assert(
      fc.property(
        pair,
        fc.uuid(),
        fc.constantFrom('credit', 'reverse'),
        ([s, k], transferId, step) => {
          const id = idempotencyRecordId(s, k);
          expect(id).toMatch(/^idem:[0-9a-f]{64}$/);
          expect(id).not.toContain('#');
          expect(id).not.toBe(stepCommandId(transferId, step));
        },
      ),
    );
  });

  it('reads an old record only under an id that names exactly this pair', () => {
    fc.assert(
      fc.property(pair, pair, ([s1, k1], [s2, k2]) => {
        fc.pre(s1 !== s2 || k1 !== k2);
        const [a, b] = [legacyIdempotencyRecordId(s1, k1), legacyIdempotencyRecordId(s2, k2)];
        if (a !== undefined && b !== undefined) {
          expect(a).not.toBe(b);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(legacyIdempotencyRecordId('col', 'x#k')).toBeUndefined();
    expect(legacyIdempotencyRecordId('col#x', 'k')).toBeUndefined();
    expect(legacyIdempotencyRecordId('u1', 'dep-1')).toBe('u1#dep-1');
  });
});

describe('the record id of a transfer step', () => {
  it('never maps two distinct (transfer, step) pairs to one id', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uuid(),
        fc.constantFrom('credit', 'reverse'),
        fc.constantFrom('credit', 'reverse'),
        (t1, t2, s1, s2) => {
          fc.pre(t1 !== t2 || s1 !== s2);
          expect(stepCommandId(t1, s1)).not.toBe(stepCommandId(t2, s2));
        },
      ),
    );
  });
});
