import { describe, expect, it } from 'vitest';
import type { AccountEventType } from '../../../lambdas/domain/account/index.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import type { ProjectedEvent } from '../../../lambdas/projections/projected-event.js';
import { applierOf, projectionConsumer } from '../../../lambdas/projections/projection.js';

const event = (streamId: string, version: number, type: string): RecordedEvent => ({
  streamId,
  version,
  eventId: `${streamId}-${String(version)}`,
  type,
  schema: type === 'MoneyDeposited' ? 2 : 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data:
    type === 'MoneyDeposited'
      ? { amount: 1, currency: 'EUR', balanceAfter: 1 }
      : { amount: 1, balanceAfter: 0 },
  metadata: { actorId: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
});

/** A projection that records the runs it is given and fails the accounts named. */
const recording = (handles: readonly AccountEventType[], failing: readonly string[] = []) => {
  const runs: [string, string[]][] = [];
  const projection = {
    name: 'Recording',
    handles: new Set(handles),
    apply: (accountId: string, events: readonly ProjectedEvent[]) => {
      runs.push([accountId, events.map((e) => `${e.type}@${String(e.version)}`)]);
      return failing.includes(accountId) ? Promise.reject(new Error('down')) : Promise.resolve();
    },
  };
  return { runs, projection };
};

describe('a projection behind the live and the rebuild adapters', () => {
  it('gets each account’s run deduplicated, in version order, with only the types it handles', async () => {
    const { runs, projection } = recording(['MoneyWithdrawn']);
    const batch = [
      event('a', 3, 'MoneyWithdrawn'),
      event('b', 1, 'MoneyDeposited'),
      event('a', 2, 'MoneyWithdrawn'),
      event('a', 1, 'MoneyDeposited'),
      event('a', 3, 'MoneyWithdrawn'),
    ];

    await expect(projectionConsumer(projection).consume(batch)).resolves.toBeUndefined();

    // b has none of the types it handles, so it is not called for b.
    expect(runs).toEqual([['a', ['MoneyWithdrawn@2', 'MoneyWithdrawn@3']]]);
  });

  it('reports the first batch position of the earliest failed account, counting every type', async () => {
    const { runs, projection } = recording(['MoneyWithdrawn'], ['b']);
    const batch = [
      event('a', 1, 'MoneyWithdrawn'),
      event('b', 1, 'MoneyDeposited'),
      event('c', 1, 'MoneyWithdrawn'),
      event('b', 2, 'MoneyWithdrawn'),
    ];

    await expect(projectionConsumer(projection).consume(batch)).resolves.toBe(1);
    expect(runs.map(([accountId]) => accountId)).toEqual(['a', 'b', 'c']);
  });

  it('applies a rebuild run the same way, and throws what the projection throws', async () => {
    const { runs, projection } = recording(['MoneyWithdrawn'], ['b']);

    await applierOf(projection)('a', [
      event('a', 1, 'MoneyDeposited'),
      event('a', 2, 'MoneyWithdrawn'),
    ]);

    expect(runs).toEqual([['a', ['MoneyWithdrawn@2']]]);
    await expect(applierOf(projection)('b', [event('b', 1, 'MoneyWithdrawn')])).rejects.toThrow(
      'down',
    );
  });
});
