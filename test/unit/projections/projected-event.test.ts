import { describe, expect, it } from 'vitest';
import { personalFields } from '../../../lambdas/crypto/personal-fields.js';
import { eventSchemas, isAccountEventType } from '../../../lambdas/domain/account/index.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { UnreadableEventError } from '../../../lambdas/event-store/upcasters.js';
import { fieldKinds, projectedEvent } from '../../../lambdas/projections/projected-event.js';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  streamId: 'acc-1',
  version: 3,
  eventId: 'e3',
  type,
  schema: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  data,
  metadata: { actorId: 'u1', commandId: 'c', correlationId: 'c', causationId: 'c', requestId: 'r' },
});

const sealedFieldsOf = (kinds: Readonly<Record<string, string>>): string[] =>
  Object.entries(kinds)
    .filter(([, kind]) => kind === 'sealed')
    .map(([field]) => field);

describe('projected events', () => {
  it('seal exactly the fields crypto encrypts at rest, for every event type', () => {
    for (const type of Object.keys(eventSchemas).filter(isAccountEventType)) {
      const kinds: Readonly<Record<string, string>> = fieldKinds[type];
      expect({ type, sealed: sealedFieldsOf(kinds) }).toEqual({
        type,
        sealed: personalFields[type] ?? [],
      });
    }
  });

  it('keep the event as it is, ciphertext envelope included', () => {
    const event = recorded('AccountOpened', {
      ownerId: 'u1',
      holderName: { v: 1, kid: 'k', iv: 'i', ct: 'c' },
      currency: 'EUR',
    });

    expect(projectedEvent(event)).toBe(event);
    expect(projectedEvent({ ...event, data: { ...event.data, holderName: null } }).data).toEqual({
      ownerId: 'u1',
      holderName: null,
      currency: 'EUR',
    });
  });

  it('refuse data without its type’s fields, naming the field and never the value', () => {
    const deposit = recorded('MoneyDeposited', {
      amount: '12.5',
      currency: 'EUR',
      balanceAfter: 1,
    });
    const sent = recorded('TransferSent', {
      transferId: 't',
      toAccountId: 'b',
      amount: 1,
      currency: 'XXX',
      balanceAfter: 1,
    });

    expect(() => projectedEvent(deposit)).toThrow(UnreadableEventError);
    expect(() => projectedEvent(deposit)).toThrow(
      'Account acc-1 version 3: MoneyDeposited.amount is not a number',
    );
    expect(() => projectedEvent(sent)).toThrow('TransferSent.currency is not a currency');
    expect(() => projectedEvent(recorded('MoneyTeleported', {}))).toThrow(UnreadableEventError);
  });
});
