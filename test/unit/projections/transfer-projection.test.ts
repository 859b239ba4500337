import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evolveTransfer,
  type TransferRow,
} from '../../../lambdas/projections/transfer.projection.js';
import {
  projectedEvent,
  type ProjectedEvent,
} from '../../../lambdas/projections/projected-event.js';
import { projectionSpec } from '../../support/projection-spec.js';

const envelope = { v: 1, kid: 'k1', iv: 'aaaaaaaaaaaaaaaa', ct: 'bbbbbbbbbbbbbbbbbbbbbbbb' };

const event = (
  streamId: string,
  version: number,
  type: string,
  data: Record<string, unknown>,
): ProjectedEvent =>
  projectedEvent({
    streamId,
    version,
    eventId: `${streamId}-${version}`,
    type,
    schema: 1,
    occurredAt: `2026-01-01T00:00:0${version}Z`,
    data,
    metadata: {
      actorId: 'alice',
      commandId: 'c',
      correlationId: 'r',
      causationId: 'c',
      requestId: 'r',
    },
  });

const sent = event('acc-a', 2, 'TransferSent', {
  transferId: 't-1',
  toAccountId: 'acc-b',
  amount: 300,
  currency: 'EUR',
  balanceAfter: 700,
  reference: envelope,
});
const received = event('acc-b', 5, 'TransferReceived', {
  transferId: 't-1',
  fromAccountId: 'acc-a',
  amount: 300,
  balanceAfter: 800,
});
const reversed = event('acc-a', 3, 'TransferReversed', {
  transferId: 't-1',
  toAccountId: 'acc-b',
  amount: 300,
  reason: 'account-closed',
  balanceAfter: 1_000,
});

const spec = projectionSpec(evolveTransfer);

const fold = (events: readonly ProjectedEvent[]): TransferRow | null =>
  events.reduce<TransferRow | null>(evolveTransfer, null);

describe('Transfers projection', () => {
  it('opens a pending row from TransferSent, owned by its actor, with the reference envelope', () => {
    expect(fold([sent])).toEqual({
      transferId: 't-1',
      status: 'pending',
      fromAccountId: 'acc-a',
      toAccountId: 'acc-b',
      ownerId: 'alice',
      amount: 300,
      currency: 'EUR',
      reference: envelope,
      referenceBinding: { eventId: 'acc-a-2', type: 'TransferSent', schema: 1 },
      sentVersion: 2,
      createdAt: sent.occurredAt,
      updatedAt: sent.occurredAt,
    });
  });

  it('completes on TransferReceived and remembers the settling event', () => {
    expect(fold([sent, received])).toMatchObject({
      status: 'completed',
      settledBy: { accountId: 'acc-b', version: 5 },
      updatedAt: received.occurredAt,
    });
  });

  it('reverses on TransferReversed with the reason', () => {
    expect(fold([sent, reversed])).toMatchObject({ status: 'reversed', reason: 'account-closed' });
    spec.given([sent]).when(reversed).thenMatches({ status: 'reversed', reason: 'account-closed' });
  });

  it('keeps the first settlement: a settled transfer never changes status', () => {
    expect(fold([sent, received, reversed])?.status).toBe('completed');
    expect(fold([sent, reversed, received])?.status).toBe('reversed');
  });

  it('holds a settled row without an owner until TransferSent arrives', () => {
    const early = fold([received]);
    expect(early).toMatchObject({ status: 'completed', fromAccountId: 'acc-a' });
    expect(early?.ownerId).toBeUndefined();
  });

  it('ignores events of other types and of other transfers', () => {
    const other = event('acc-a', 9, 'TransferReceived', { ...received.data, transferId: 't-2' });
    const deposit = event('acc-a', 4, 'MoneyDeposited', {
      amount: 1,
      currency: 'EUR',
      balanceAfter: 701,
    });
    spec.given([sent]).when(other).thenNothingHappened();
    spec.given([sent]).when(deposit).thenNothingHappened();
  });

  it('changes nothing on a duplicate TransferSent or a second settlement', () => {
    spec.given([sent]).when(sent).thenNothingHappened();
    spec.given([sent, received]).when(reversed).thenNothingHappened();
    spec.given([sent, received]).when(sent).thenNothingHappened();
  });

  it('ends in the same row for any order and any duplicates of its events', () => {
    const complete = fold([sent, received]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(sent, received), { minLength: 2, maxLength: 6 }),
        (events) => {
          fc.pre(events.includes(sent) && events.includes(received));
          const row = fold(events);
          // updatedAt is the settlement's time either way; only createdAt comes from TransferSent.
          expect(row).toEqual(complete);
        },
      ),
    );
  });
});
