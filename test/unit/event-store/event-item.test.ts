import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEventItem, toEventItem } from '../../../lambdas/event-store/event-item.js';
import type { EventMetadata, RecordedEvent } from '../../../lambdas/event-store/event-store.js';

const anId = fc.oneof(fc.uuid(), fc.string(), fc.constantFrom('*cmd', '%20', 'a b', 'x=y', ''));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const metadata: fc.Arbitrary<EventMetadata> = fc
  .record({
    actor: fc.oneof(
      fc.record({ actorId: anId, actorKind: fc.constant('user' as const) }),
      fc.record({
        actorId: anId.map((id) => `system:${id}`),
        actorKind: fc.constant('system' as const),
      }),
      fc.record({ actorId: anId, actorKind: fc.constant('system' as const) }),
      fc.record({ actorId: anId }),
    ),
    commandId: anId,
    requestId: anId,
    correlation: fc.oneof(anId, fc.constantFrom('req', 'cmd')),
    causation: fc.oneof(anId, fc.constantFrom('req', 'cmd')),
    traceparent: fc.option(fc.string(), { nil: undefined }),
  })
  .map(({ actor, commandId, requestId, correlation, causation, traceparent }) => {
    const pick = (choice: string) =>
      choice === 'req' ? requestId : choice === 'cmd' ? commandId : choice;
    return {
      ...actor,
      commandId,
      requestId,
      correlationId: pick(correlation),
      causationId: pick(causation),
      ...(traceparent === undefined ? {} : { traceparent }),
    };
  });

const recordedEvent: fc.Arbitrary<RecordedEvent> = fc.record({
  streamId: fc.uuid(),
  version: fc.integer({ min: 1, max: 1_000_000 }),
  eventId: anId,
  type: fc.constantFrom('AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn'),
  schema: fc.integer({ min: 1, max: 9 }),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  data: fc.dictionary(fc.string(), jsonValue, { maxKeys: 4 }),
  metadata,
});

const deposit: RecordedEvent = {
  streamId: 'acc-1',
  version: 7,
  eventId: 'e-1',
  type: 'MoneyDeposited',
  schema: 2,
  occurredAt: '2026-12-01T10:00:00.000Z',
  data: { amount: 500, currency: 'EUR', balanceAfter: 3000 },
  metadata: {
    actorId: 'alice',
    actorKind: 'user',
    commandId: 'c-1',
    correlationId: 'r-1',
    causationId: 'c-1',
    requestId: 'r-1',
  },
};

describe('Events item layout (ADR 0160)', () => {
  it('reads back every event it writes, whatever its ids and data hold', () => {
    fc.assert(
      fc.property(recordedEvent, (event) => {
        expect(fromEventItem(toEventItem(event))).toEqual(event);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a data field named __proto__ as data, never as a prototype', () => {
    const data = JSON.parse('{"__proto__":{"polluted":1},"constructor":"c","amount":5}') as Record<
      string,
      unknown
    >;
    const read = fromEventItem(toEventItem({ ...deposit, data })).data;

    expect(Object.getOwnPropertyNames(read).sort()).toEqual(['__proto__', 'amount', 'constructor']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(read['polluted' as keyof typeof read]).toBeUndefined();
    expect(JSON.stringify(read)).toBe(JSON.stringify(data));
  });

  it('keeps keys, type and data as attributes and the envelope in one readable meta string', () => {
    expect(toEventItem(deposit)).toEqual({
      accountId: { S: 'acc-1' },
      version: { N: '7' },
      type: { S: 'MoneyDeposited' },
      data: { M: { amount: { N: '500' }, currency: { S: 'EUR' }, balanceAfter: { N: '3000' } } },
      meta: { S: 'at=2026-12-01T10:00:00.000Z s=2 id=e-1 user=alice cmd=c-1 req=r-1' },
    });
  });

  it('stores an id that repeats another once, as a reference', () => {
    const meta = toEventItem({
      ...deposit,
      metadata: { ...deposit.metadata, correlationId: 'c-1', causationId: 'e-1' },
    })['meta']?.S;

    expect(meta).toBe(
      'at=2026-12-01T10:00:00.000Z s=2 id=e-1 user=alice cmd=c-1 req=r-1 corr=*cmd cause=*id',
    );
  });

  it('writes a system actor by its process and an untyped legacy actor as it was', () => {
    const system = {
      ...deposit.metadata,
      actorId: 'system:transfers',
      actorKind: 'system' as const,
    };
    const { actorKind: _kind, ...legacy } = { ...deposit.metadata, actorId: 'system:ledger' };

    expect(toEventItem({ ...deposit, metadata: system })['meta']?.S).toContain(
      ' system=transfers ',
    );
    expect(toEventItem({ ...deposit, metadata: legacy })['meta']?.S).toContain(
      ' actor=system:ledger ',
    );
  });

  it('escapes a value that would read as a separator or a reference', () => {
    const odd = { ...deposit.metadata, actorId: '*cmd x%', actorKind: 'user' as const };
    const item = toEventItem({ ...deposit, metadata: odd });

    expect(item['meta']?.S).toContain(' user=%2Acmd%20x%25 ');
    expect(fromEventItem(item).metadata.actorId).toBe('*cmd x%');
  });

  it('reads an item of the layout before ADR 0160 (envelope attributes, metadata map)', () => {
    const legacy = {
      accountId: { S: 'acc-1' },
      version: { N: '7' },
      eventId: { S: 'e-1' },
      type: { S: 'MoneyDeposited' },
      schema: { N: '2' },
      occurredAt: { S: '2026-12-01T10:00:00.000Z' },
      data: { M: { amount: { N: '500' }, currency: { S: 'EUR' }, balanceAfter: { N: '3000' } } },
      metadata: {
        M: {
          actorId: { S: 'alice' },
          actorKind: { S: 'user' },
          commandId: { S: 'c-1' },
          correlationId: { S: 'r-1' },
          causationId: { S: 'c-1' },
          requestId: { S: 'r-1' },
        },
      },
    };

    expect(fromEventItem(legacy)).toEqual(deposit);
  });

  it('refuses an item with neither layout', () => {
    expect(() =>
      fromEventItem({ accountId: { S: 'a' }, version: { N: '1' }, type: { S: 'X' } }),
    ).toThrow(/neither meta nor metadata/);
    expect(() => fromEventItem({ ...toEventItem(deposit), meta: { S: 'at=x s=2 s=3' } })).toThrow(
      /malformed or repeated/,
    );
  });
});
