import { describe, expect, it } from 'vitest';
import { entryOf } from '../../../lambdas/application/command-outcome.js';
import { stepCommandId } from '../../../lambdas/event-store/command-ids.js';
import type { CommandEntry } from '../../../lambdas/event-store/command-log.js';
import {
  CorruptStepRecordError,
  STEP_RECORD_TTL_SECONDS,
  stepOnce,
  stepOutcomeOf,
} from '../../../lambdas/transfers/process-records.js';
import { pendingTransferOf } from '../../../lambdas/transfers/index.js';

const clock = { now: () => new Date('2026-03-01T00:00:00Z') };
const accepted = {
  ok: true as const,
  accountId: 'acc-b',
  state: { status: 'none' as const },
  version: 3,
  view: { balance: 0 },
  events: [],
};
/** The entry the service records for a step's outcome. */
const stepRecord =
  (transferId: string, step: 'credit' | 'reverse', { now }: { now: () => Date }) =>
  (outcome: typeof accepted | typeof refused): CommandEntry =>
    entryOf(stepOnce(transferId, step), outcome, now());
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

    expect(record).toMatchObject({
      commandId: 'transfer:t-1:credit',
      fingerprint: 't-1',
      outcome: { kind: 'accepted' },
    });
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

  it('reads the faked 200/409 response a step record held before the command log', () => {
    const old = (status: number, body: string): CommandEntry => ({
      ...stepRecord('t-1', 'credit', clock)(accepted),
      outcome: { kind: 'rendered', status, headers: {}, body },
    });

    expect(stepOutcomeOf(old(200, '{"outcome":"accepted"}'))).toEqual({ outcome: 'accepted' });
    expect(stepOutcomeOf(old(409, '{"outcome":"refused","reason":"account-closed"}'))).toEqual({
      outcome: 'refused',
      reason: 'account-closed',
    });
  });

  it('records a refused reversal never (its refusal is not final, ADR 0101)', () => {
    expect(stepOnce('t-1', 'reverse').recordsRefusal).toBe(false);
    expect(stepOnce('t-1', 'credit').recordsRefusal).toBe(true);
  });

  it('rejects a record that holds no step outcome', () => {
    const foreign: CommandEntry = {
      ...stepRecord('t-1', 'credit', clock)(accepted),
      outcome: { kind: 'rendered', status: 200, headers: {}, body: '{"accountId":"x"}' },
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
