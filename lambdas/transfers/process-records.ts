import type { CommandOutcome } from '../application/account-service.js';
import type { Clock } from '../application/ports.js';
import { stepCommandId, type ProcessStep } from '../event-store/command-ids.js';
import type { CommandRecord } from '../event-store/event-store.js';

/** What a step's command did, as stored under its command id (first writer wins, for good). */
export type StepOutcome =
  { readonly outcome: 'accepted' } | { readonly outcome: 'refused'; readonly reason: string };

/**
 * How long step records are kept. They must outlive every redelivery of a TransferSent (stream
 * records live 24 h, the on-failure queue at most 14 days); a year leaves a wide margin.
 */
export const STEP_RECORD_TTL_SECONDS = 366 * 24 * 3600;

/** Builds the record the application service stores with a step's outcome. */
export const stepRecord =
  (transferId: string, step: ProcessStep, clock: Clock) =>
  (outcome: CommandOutcome): CommandRecord => {
    const now = clock.now();
    const body: StepOutcome = outcome.ok
      ? { outcome: 'accepted' }
      : { outcome: 'refused', reason: outcome.error.code };
    return {
      commandId: stepCommandId(transferId, step),
      fingerprint: transferId,
      status: outcome.ok ? 200 : 409,
      body: JSON.stringify(body),
      headers: {},
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + STEP_RECORD_TTL_SECONDS,
    };
  };

/** A step record that does not hold a step outcome (written by something else under the id). */
export class CorruptStepRecordError extends Error {
  override readonly name = 'CorruptStepRecordError';
}

/** Reads a step's stored outcome back. */
export const stepOutcomeOf = (record: CommandRecord): StepOutcome => {
  const parsed = JSON.parse(record.body) as Partial<Record<string, unknown>>;
  if (parsed['outcome'] === 'accepted') {
    return { outcome: 'accepted' };
  }
  if (parsed['outcome'] === 'refused' && typeof parsed['reason'] === 'string') {
    return { outcome: 'refused', reason: parsed['reason'] };
  }
  throw new CorruptStepRecordError(`Record ${record.commandId} holds no step outcome`);
};
