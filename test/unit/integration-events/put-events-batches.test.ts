import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entrySize,
  OversizeEntryError,
  putEventsBatches,
} from '../../../lambdas/integration/put-events-batches.js';

// Limits of one PutEvents call: 10 entries
// (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html) and a total
// entry size under 256 KB, Time counting 14 bytes and the rest their UTF-8 bytes
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/events/CalculatePutEventsEntrySize.html).
const LIMIT = 256 * 1024;

const entry = fc.record({
  Source: fc.constant('ledger'),
  DetailType: fc.constant('ledger.money.deposited.v1'),
  Detail: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.integer({ min: 1, max: 120_000 }).map((n) => 'é'.repeat(n)),
  ),
  Time: fc.constant(new Date('2026-12-01T00:00:00Z')),
});

describe('putEventsBatches', () => {
  it('counts an entry as EventBridge does: 14 bytes of Time plus UTF-8 bytes', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'c', Detail: 'é', Time: new Date() })).toBe(
      14 + 2 + 1 + 2,
    );
    expect(entrySize({ Source: 'ab', Resources: ['xyz', 'é'] })).toBe(2 + 3 + 2);
  });

  it('keeps order and makes every call hold at most 10 entries and under 256 KB', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const batches = putEventsBatches(entries);

        expect(batches.flat()).toEqual(entries.map((_, index) => index));
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(10);
          const size = batch.reduce((sum, index) => sum + entrySize(entries[index] ?? {}), 0);
          expect(size).toBeLessThan(LIMIT);
        }
        // Greedy: each call ends only where the next entry would break a limit.
        for (const [position, batch] of batches.slice(0, -1).entries()) {
          const next = batches[position + 1]?.[0] ?? -1;
          const size = [...batch, next].reduce((sum, i) => sum + entrySize(entries[i] ?? {}), 0);
          expect(batch.length === 10 || size >= LIMIT).toBe(true);
        }
      }),
    );
  });

  it('refuses an entry that no call could carry', () => {
    expect(() => putEventsBatches([{ Source: 'ledger', Detail: 'x'.repeat(LIMIT) }])).toThrow(
      OversizeEntryError,
    );
  });
});
