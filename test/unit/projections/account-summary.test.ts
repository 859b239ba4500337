import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { evolveSummary } from '../../../lambdas/projections/account-summary.projection.js';
import {
  projectedEvent,
  type ProjectedEvent,
} from '../../../lambdas/projections/projected-event.js';
import { projectionSpec } from '../../support/projection-spec.js';

const recordedOpening = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  streamId: 'acc-1',
  version: 1,
  eventId: 'e1',
  type: 'AccountOpened',
  schema: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: {
    ownerId: 'u1',
    holderName: { v: 1, kid: 'k', iv: 'i', ct: 'c' },
    currency: 'EUR',
    initialDeposit: 500,
  },
  metadata: { actorId: 'u1', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
  ...overrides,
});

const opened = (overrides: Partial<RecordedEvent> = {}): ProjectedEvent =>
  projectedEvent(recordedOpening(overrides));

const deposited = (version: number, balanceAfter: number): RecordedEvent => ({
  ...recordedOpening(),
  version,
  eventId: `e${version}`,
  type: 'MoneyDeposited',
  schema: 2,
  data: { amount: 1, currency: 'EUR', balanceAfter },
});
const depositedEvent = (version: number, balanceAfter: number): ProjectedEvent =>
  projectedEvent(deposited(version, balanceAfter));

const spec = projectionSpec(evolveSummary);

describe('the AccountSummaries projection', () => {
  it('opens a row with the opening balance and the envelope, never a plaintext name', () => {
    const row = evolveSummary(null, opened());

    expect(row).toMatchObject({
      accountId: 'acc-1',
      ownerId: 'u1',
      balance: 500,
      version: 1,
      status: 'open',
    });
    expect(row?.holder).toEqual({ v: 1, kid: 'k', iv: 'i', ct: 'c' });
  });

  it('binds the holder envelope to the schema it was stored with, even after an upcast', () => {
    const row = evolveSummary(null, opened({ schema: 2, storedSchema: 1 }));

    expect(row?.holderBinding).toEqual({ eventId: 'e1', type: 'AccountOpened', schema: 1 });
  });

  it('skips an event it has already applied and takes later balances', () => {
    const row = evolveSummary(evolveSummary(null, opened()), depositedEvent(2, 501));

    expect(evolveSummary(row, depositedEvent(2, 999))).toEqual(row);
    expect(evolveSummary(row, depositedEvent(3, 502))).toMatchObject({ balance: 502, version: 3 });
    spec
      .given([opened(), depositedEvent(2, 501)])
      .when(depositedEvent(2, 999))
      .thenNothingHappened();
    spec
      .given([opened(), depositedEvent(2, 501)])
      .when(opened())
      .thenNothingHappened();
    spec.given([opened()]).when(depositedEvent(2, 501)).thenMatches({ balance: 501, version: 2 });
  });

  it('changes nothing for an event of an account it has no row for yet', () => {
    spec.given([]).when(depositedEvent(2, 501)).thenNothingHappened();
  });

  it('drops the envelope and closes the row when the owner is erased', () => {
    const row = evolveSummary(null, opened());

    const erased = evolveSummary(
      row,
      projectedEvent({ ...deposited(2, 0), type: 'PersonalDataErased', data: { erasureId: 'x' } }),
    );

    expect(erased).toMatchObject({
      holder: null,
      holderBinding: null,
      personalDataErased: true,
      status: 'closed',
      balance: 500,
    });
  });
});
