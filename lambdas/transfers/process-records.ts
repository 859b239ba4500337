import type { CommandOnce } from '../application/command-outcome.js';
import { stepCommandId, type ProcessStep } from '../event-store/command-ids.js';
import type { CommandEntry } from '../event-store/command-log.js';

/** What a step's command did, as stored under its command id (first writer wins, for good). */
export type StepOutcome =
  { readonly outcome: 'accepted' } | { readonly outcome: 'refused'; readonly reason: string };

/**
 * How long step records are kept. They must outlive every redelivery of a TransferSent (stream
 * records live 24 h, the on-failure queue at most 14 days); a year leaves a wide margin.
 */
export const STEP_RECORD_TTL_SECONDS = 366 * 24 * 3600;

/** How a step runs once: under its deterministic id, its entry kept STEP_RECORD_TTL_SECONDS. */
export const stepOnce = (transferId: string, step: ProcessStep): CommandOnce => ({
  commandId: stepCommandId(transferId, step),
  fingerprint: transferId,
  ttlSeconds: STEP_RECORD_TTL_SECONDS,
  // The credit's refusal is the transfer's decision; a reversal's refusal never is: it writes
  // nothing and the step runs again on the next delivery (ADR 0101).
  recordsRefusal: step === 'credit',
});

/** A step record that does not hold a step outcome (written by something else under the id). */
export class CorruptStepRecordError extends Error {
  override readonly name = 'CorruptStepRecordError';
}

/** Reads the outcome of a step written before the command log: a faked 200/409 response. */
const renderedStepOutcome = (commandId: string, body: string): StepOutcome => {
  const parsed = JSON.parse(body) as Partial<Record<string, unknown>>;
  if (parsed['outcome'] === 'accepted') {
    return { outcome: 'accepted' };
  }
  if (parsed['outcome'] === 'refused' && typeof parsed['reason'] === 'string') {
    return { outcome: 'refused', reason: parsed['reason'] };
  }
  throw new CorruptStepRecordError(`Record ${commandId} holds no step outcome`);
};

/** Reads a step's stored outcome back, in either shape (old records live until their TTL). */
export const stepOutcomeOf = (entry: CommandEntry): StepOutcome => {
  const { outcome } = entry;
  switch (outcome.kind) {
    case 'accepted':
      return { outcome: 'accepted' };
    case 'refused':
      return { outcome: 'refused', reason: outcome.error.code };
    case 'rendered':
      return renderedStepOutcome(entry.commandId, outcome.body);
  }
};
