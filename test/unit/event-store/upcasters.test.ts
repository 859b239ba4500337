import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchemas } from '../../../lambdas/domain/account/index.js';
import { UnreadableEventError, upcast } from '../../../lambdas/event-store/upcasters.js';

const envelope = {
  streamId: 'acc-1',
  version: 2,
  eventId: 'evt-1',
  occurredAt: '2024-01-02T03:04:05.000Z',
  metadata: { actorId: 'u1', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
};

const depositV1 = (data: Record<string, unknown>) =>
  Object.freeze({ ...envelope, type: 'MoneyDeposited', schema: 1, data: Object.freeze(data) });

describe('upcast', () => {
  describe('MoneyDeposited schema 1 (decimal major units, `balance`)', () => {
    it('becomes schema 2 in integer minor units with `balanceAfter`, remembering it was stored as 1', () => {
      const upcasted = upcast(depositV1({ amount: 12.34, currency: 'EUR', balance: 100.5 }));

      expect(upcasted).toEqual({
        ...envelope,
        type: 'MoneyDeposited',
        schema: 2,
        storedSchema: 1,
        data: { amount: 1234, currency: 'EUR', balanceAfter: 10_050 },
      });
    });

    it('converts float sums exactly and honours each currency exponent', () => {
      expect(upcast(depositV1({ amount: 0.1 + 0.2, currency: 'USD', balance: 0.3 })).data).toEqual({
        amount: 30,
        currency: 'USD',
        balanceAfter: 30,
      });
      expect(upcast(depositV1({ amount: 1500, currency: 'JPY', balance: 1500 })).data).toEqual({
        amount: 1500,
        currency: 'JPY',
        balanceAfter: 1500,
      });
      expect(upcast(depositV1({ amount: 1.234, currency: 'KWD', balance: 2.5 })).data).toEqual({
        amount: 1234,
        currency: 'KWD',
        balanceAfter: 2500,
      });
    });

    it('round-trips every cent amount written as a major-unit decimal', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000_000_000 }),
          fc.integer({ min: 0, max: 1_000_000_000_000 }),
          (cents, extra) => {
            const data = { amount: cents / 100, currency: 'EUR', balance: (cents + extra) / 100 };
            expect(upcast(depositV1(data)).data).toEqual({
              amount: cents,
              currency: 'EUR',
              balanceAfter: cents + extra,
            });
          },
        ),
      );
    });

    it('leaves the stored event untouched', () => {
      const stored = depositV1({ amount: 1, currency: 'EUR', balance: 1 });

      upcast(stored);

      expect(stored.schema).toBe(1);
      expect(stored.data).toEqual({ amount: 1, currency: 'EUR', balance: 1 });
    });

    it('rejects a schema-1 deposit without a numeric amount or a known currency', () => {
      expect(() => upcast(depositV1({ amount: '12.34', currency: 'EUR', balance: 1 }))).toThrow(
        UnreadableEventError,
      );
      expect(() => upcast(depositV1({ amount: 1, currency: 'XXX', balance: 1 }))).toThrow(
        /needs a numeric amount and a currency/,
      );
    });
  });

  it('returns an event of the current schema as it is, and is idempotent', () => {
    const current = {
      ...envelope,
      type: 'MoneyDeposited',
      schema: eventSchemas.MoneyDeposited,
      data: { amount: 5, currency: 'EUR', balanceAfter: 5 },
    };

    expect(upcast(current)).toEqual(current);
    expect(upcast(upcast(depositV1({ amount: 1, currency: 'EUR', balance: 1 })))).toEqual(
      upcast(depositV1({ amount: 1, currency: 'EUR', balance: 1 })),
    );
  });

  it('reads every event type at its current schema', () => {
    for (const [type, schema] of Object.entries(eventSchemas)) {
      expect(upcast({ type, schema, data: {} }).schema).toBe(schema);
    }
  });

  it('rejects an unknown event type with an error naming it', () => {
    const read = () => upcast({ ...envelope, type: 'MoneyTeleported', schema: 1, data: {} });

    expect(read).toThrow(UnreadableEventError);
    expect(read).toThrow('Unknown event type MoneyTeleported');
  });

  it('rejects a schema newer than the code instead of guessing', () => {
    const read = () => upcast({ ...envelope, type: 'MoneyDeposited', schema: 3, data: {} });

    expect(read).toThrow(UnreadableEventError);
    expect(read).toThrow('MoneyDeposited schema 3 is not readable by this code (current 2)');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects schema %s as unreadable', (schema) => {
    expect(() => upcast({ type: 'MoneyWithdrawn', schema, data: {} })).toThrow(
      UnreadableEventError,
    );
  });

  it('names itself for logs and problem mapping', () => {
    expect(new UnreadableEventError('x').name).toBe('UnreadableEventError');
  });
});
