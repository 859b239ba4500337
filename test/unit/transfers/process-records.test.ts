import { describe, expect, it } from 'vitest';
import { stepCommandId } from '../../../lambdas/event-store/command-ids.js';
import type { CommandRecord } from '../../../lambdas/event-store/event-store.js';
import {
  CorruptStepRecordError,
  STEP_RECORD_TTL_SECONDS,
  stepOutcomeOf,
  stepRecord,
} from '../../../lambdas/transfers/process-records.js';
import { pendingTransferOf } from '../../../lambdas/transfers/index.js';

const clock = { now: () => new Date('2026-03-01T00:00:00Z') };
const accepted = {
  ok: true as const,
  accountId: 'acc-b',
  state: { status: 'none' as const },
  version: 3,
  events: [],
};
const refused = {
  ok: false as const,
  accountId: 'acc-b',
  error: { code: 'account-closed' as const },
};

describe('transfer step records', () => {
  it('names each step of a transfer with one deterministic command id', () => {
    expect(stepCommandId('t-1', 'credit')).toBe('transfer:t-1:credit');
    expect(stepCommandId('t-1', 'reverse')).toBe('transfer:t-1:reverse');
  });

  it('stores an accepted credit and reads it back', () => {
    const record = stepRecord('t-1', 'credit', clock)(accepted);

    expect(record).toMatchObject({ commandId: 'transfer:t-1:credit', status: 200 });
    expect(stepOutcomeOf(record)).toEqual({ outcome: 'accepted' });
  });

  it('stores a refusal with its reason, kept far longer than any redelivery', () => {
    const record = stepRecord('t-1', 'credit', clock)(refused);

    expect(stepOutcomeOf(record)).toEqual({ outcome: 'refused', reason: 'account-closed' });
    expect(record.expiresAt - Date.parse('2026-03-01T00:00:00Z') / 1000).toBe(
      STEP_RECORD_TTL_SECONDS,
    );
    expect(STEP_RECORD_TTL_SECONDS).toBeGreaterThan(14 * 24 * 3600);
  });

  it('rejects a record that holds no step outcome', () => {
    const foreign: CommandRecord = {
      ...stepRecord('t-1', 'credit', clock)(accepted),
      body: '{"accountId":"x"}',
    };

    expect(() => stepOutcomeOf(foreign)).toThrow(CorruptStepRecordError);
  });
});

describe('pending transfers', () => {
  it('rejects a TransferSent without a target as malformed', () => {
    const event = {
      streamId: 'acc-a',
      version: 2,
      eventId: 'e-1',
      type: 'TransferSent',
      schema: 1,
      occurredAt: '2026-01-01T00:00:00Z',
      data: { transferId: 't-1', amount: 1, currency: 'EUR' },
      metadata: {
        actorId: 'a',
        commandId: 'c',
        correlationId: 'r',
        causationId: 'c',
        requestId: 'r',
      },
    };

    expect(() => pendingTransferOf(event)).toThrow(/toAccountId/);
  });
});
