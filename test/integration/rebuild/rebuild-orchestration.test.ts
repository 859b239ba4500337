import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { rebuildProjection, type EventScan } from '../../../lambdas/projections/rebuild.js';
import { segmentsToScan } from '../../../lambdas/projections/rebuild-segments.js';

// The orchestration over an in-memory scan (no DynamoDB): grouping, ordering, chunking, stopping.
const event = (streamId: string, version: number, schema = 2): RecordedEvent => ({
  streamId,
  version,
  eventId: `${streamId}-${version}`,
  type: 'MoneyDeposited',
  schema,
  occurredAt: '2024-01-01T00:00:00.000Z',
  data:
    schema === 1
      ? { amount: 1.5, currency: 'EUR', balance: 1.5 * version }
      : { amount: 150, currency: 'EUR', balanceAfter: 150 * version },
  metadata: { actorId: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
});

/** A scan whose segments hand out the given pages. */
const scanOf = (segments: RecordedEvent[][][]): EventScan => ({
  async *segment(segment) {
    for (const page of segments[segment] ?? []) {
      await Promise.resolve();
      yield page;
    }
  },
});

const recorder = () => {
  const calls: { accountId: string; versions: number[] }[] = [];
  const apply = (accountId: string, events: readonly RecordedEvent[]) => {
    calls.push({ accountId, versions: events.map((e) => e.version) });
    return Promise.resolve();
  };
  return { calls, apply };
};

describe('rebuildProjection', () => {
  it('keeps an account together across pages and applies it once, in version order', async () => {
    const { calls, apply } = recorder();
    const scan = scanOf([
      [
        [event('a', 1), event('a', 2)],
        [event('a', 3), event('b', 2), event('b', 1)],
        [event('c', 1)],
      ],
    ]);

    const result = await rebuildProjection(scan, apply, { totalSegments: 1 });

    expect(calls).toEqual([
      { accountId: 'a', versions: [1, 2, 3] },
      { accountId: 'b', versions: [1, 2] },
      { accountId: 'c', versions: [1] },
    ]);
    expect(result).toEqual({ events: 6, accounts: 3 });
  });

  it('hands the writer upcast events only', async () => {
    const seen: unknown[] = [];
    const scan = scanOf([[[event('a', 1, 1), event('a', 2, 2)]]]);

    await rebuildProjection(
      scan,
      (_id, events) => {
        seen.push(...events.map((e) => ({ schema: e.schema, data: e.data })));
        return Promise.resolve();
      },
      { totalSegments: 1 },
    );

    expect(seen).toEqual([
      { schema: 2, data: { amount: 150, currency: 'EUR', balanceAfter: 150 } },
      { schema: 2, data: { amount: 150, currency: 'EUR', balanceAfter: 300 } },
    ]);
  });

  it('applies a long history in ordered chunks and counts the account once', async () => {
    const { calls, apply } = recorder();
    const history = [1, 2, 3, 4, 5].map((version) => event('a', version));

    const result = await rebuildProjection(scanOf([[history]]), apply, {
      totalSegments: 1,
      chunkSize: 2,
    });

    expect(calls.map((call) => call.versions)).toEqual([[1, 2], [3, 4], [5]]);
    expect(result).toEqual({ events: 5, accounts: 1 });
  });

  it('scans every segment in parallel and adds up their counts', async () => {
    const { calls, apply } = recorder();
    const scan = scanOf([
      [[event('a', 1)]],
      [[event('b', 1), event('b', 2)]],
      [],
      [[event('c', 1)]],
    ]);

    const result = await rebuildProjection(scan, apply);

    expect(calls.map((call) => call.accountId).sort()).toEqual(['a', 'b', 'c']);
    expect(result).toEqual({ events: 4, accounts: 3 });
  });

  it('stops every segment when one fails, and rejects with that failure', async () => {
    const applied: string[] = [];
    const others = Array.from({ length: 20 }, (_, index) => [event(`s${index}`, 1)]);
    const scan = scanOf([[[event('a', 1)], [event('b', 1)]], others]);

    const rebuild = rebuildProjection(
      scan,
      async (accountId) => {
        await Promise.resolve();
        if (accountId === 'a') {
          throw new Error('table gone');
        }
        applied.push(accountId);
      },
      { totalSegments: 2, attempts: 1 },
    );

    await expect(rebuild).rejects.toThrow('table gone');
    expect(applied).not.toContain('b');
    expect(applied.length).toBeLessThan(5);
  });

  it('tries an account run again after a failure, then gives up after the last attempt', async () => {
    const tries = new Map<string, number>();
    const flaky = (accountId: string) => {
      const count = (tries.get(accountId) ?? 0) + 1;
      tries.set(accountId, count);
      // 'a' loses twice (as against a busy live projector), 'b' never succeeds.
      if ((accountId === 'a' && count < 3) || accountId === 'b') {
        return Promise.reject(new Error(`lost the race on ${accountId}`));
      }
      return Promise.resolve();
    };

    // Settled together: the failing one may reject before the other resolves, and a rejection
    // nothing awaits yet is an unhandled one.
    const [recovered, failed] = await Promise.allSettled([
      rebuildProjection(scanOf([[[event('a', 1)]]]), flaky, { totalSegments: 1 }),
      rebuildProjection(scanOf([[[event('b', 1)]]]), flaky, { totalSegments: 1 }),
    ]);

    expect(recovered).toEqual({ status: 'fulfilled', value: { events: 1, accounts: 1 } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'lost the race on b' } });
    expect(Object.fromEntries(tries)).toEqual({ a: 3, b: 3 });
  });

  it('does nothing when the signal is already aborted', async () => {
    const { calls, apply } = recorder();

    const rebuild = rebuildProjection(scanOf([[[event('a', 1)]]]), apply, {
      totalSegments: 1,
      signal: AbortSignal.abort(new Error('cancelled')),
    });

    await expect(rebuild).rejects.toThrow('cancelled');
    expect(calls).toEqual([]);
  });

  it('rejects an unreadable event naming its account and version', async () => {
    const { apply } = recorder();
    const unknown = { ...event('acc-9', 4), type: 'MoneyTeleported' };

    await expect(
      rebuildProjection(scanOf([[[event('acc-9', 3), unknown]]]), apply, { totalSegments: 1 }),
    ).rejects.toThrow('Account acc-9 version 4: Unknown event type MoneyTeleported');
  });
});

describe('segmentsToScan', () => {
  it('lists every segment by default, or the chosen ones in order without repeats', () => {
    expect(segmentsToScan(4)).toEqual([0, 1, 2, 3]);
    expect(segmentsToScan(4, [3, 1, 3])).toEqual([1, 3]);
  });

  it.each([0, -1, 1.5, 1_000_001])('rejects %s total segments', (total) => {
    expect(() => segmentsToScan(total)).toThrow(RangeError);
  });

  it.each([[[4]], [[-1]], [[0.5]]])('rejects segments %j of 4', (segments) => {
    expect(() => segmentsToScan(4, segments)).toThrow('segments must be integers from 0 to 3');
  });
});
