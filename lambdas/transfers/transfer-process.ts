import type {
  AccountService,
  CommandContext,
  CommandOutcome,
} from '../application/account-service.js';
import type { Clock } from '../application/ports.js';
import type { PersonalData } from '../crypto/index.js';
import type { CommandLog } from '../event-store/command-log.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { logger } from '../observability.js';
import { inEventScope, type StreamConsumer } from '../event-store/event-stream.js';
import { stepCommandId, type ProcessStep } from '../event-store/command-ids.js';
import {
  STEP_RECORD_TTL_SECONDS,
  stepOnce,
  stepOutcomeOf,
  type StepOutcome,
} from './process-records.js';
import { pendingTransferOf, type PendingTransfer } from './pending-transfer.js';
import { senderReference } from './sender-reference.js';
import { creditOf, reversalOf, type StepCommand } from './step-commands.js';

/**
 * How old a TransferSent may be for the process to act on it: a step record is written no earlier
 * than its TransferSent and kept STEP_RECORD_TTL_SECONDS, so within this horizon (a day of margin
 * for clock skew) a missing record means the step never ran.
 */
export const REPLAY_HORIZON_MS = (STEP_RECORD_TTL_SECONDS - 86_400) * 1000;

export interface TransferProcessDeps {
  readonly service: AccountService;
  /** Reads the sender's account opening (for its owner). */
  readonly store: EventStore;
  /** Reads the step entries the service records. */
  readonly commandLog: CommandLog;
  readonly clock: Clock;
  /** Reads the sender's reference, so the receiver's copy can be recorded with the credit. */
  readonly personalData: PersonalData;
}

/** A step did not reach a stored outcome; the stream delivers the TransferSent again. */
export class TransferStepError extends Error {
  override readonly name = 'TransferStepError';
}

/**
 * The transfer process manager, run as one more consumer of the Events stream. For each
 * TransferSent it credits the target; if the target refuses, it reverses the debit on the source.
 * Both steps are commands with deterministic ids whose outcomes are stored atomically with their
 * events, so a redelivery, a duplicate or a crash between steps resumes instead of repeating, and
 * the credit-or-refuse decision, once stored, is final.
 */
export class TransferProcess implements StreamConsumer {
  readonly name = 'TransferProcess';

  constructor(private readonly deps: TransferProcessDeps) {}

  /** Settles every TransferSent of the batch; returns the position of the first that failed. */
  async consume(events: readonly RecordedEvent[]): Promise<number | undefined> {
    let failedAt: number | undefined;
    for (const [index, event] of events.entries()) {
      if (event.type !== 'TransferSent') {
        continue;
      }
      try {
        const transfer = pendingTransferOf(event);
        if (this.beyondHorizon(transfer)) {
          // Its step records may be gone (TTL): acting again could credit twice. It was settled
          // long ago, or its failure has been in the on-failure queue for a year.
          logger.error('transfer beyond the replay horizon: not acted on', {
            transferId: transfer.transferId,
          });
          continue;
        }
        // Its credit or reversal carries the trace of the request that sent the money.
        await inEventScope(event, () => this.settle(transfer));
      } catch (error) {
        // Later transfers still move: they do not depend on this one, and redelivery from the
        // failed position finds their steps already stored.
        logger.warn('transfer not settled', {
          transferId: event.data['transferId'],
          errorName: (error as Error).name,
        });
        failedAt ??= index;
      }
    }
    return failedAt;
  }

  /** Takes a transfer to its end from wherever an earlier delivery left it. */
  async settle(transfer: PendingTransfer): Promise<StepOutcome> {
    const decision =
      (await this.stored(transfer, 'credit')) ??
      (await this.run(transfer, creditOf(transfer, await senderReference(this.deps, transfer))));
    if (decision.outcome === 'refused') {
      const reversal =
        (await this.stored(transfer, 'reverse')) ??
        (await this.run(transfer, reversalOf(transfer, decision.reason)));
      if (reversal.outcome === 'refused') {
        // Not stored: the stream delivers the TransferSent again (then the on-failure queue, whose
        // redrive resumes here). Only a source past the exact-integer range can refuse it.
        throw new TransferStepError(`Reversal of ${transfer.transferId} was refused`);
      }
    }
    return decision;
  }

  private beyondHorizon(transfer: PendingTransfer): boolean {
    const age = this.deps.clock.now().getTime() - Date.parse(transfer.sentAt);
    return age > REPLAY_HORIZON_MS;
  }

  private async stored(
    transfer: PendingTransfer,
    step: ProcessStep,
  ): Promise<StepOutcome | undefined> {
    const entry = await this.deps.commandLog.find(stepCommandId(transfer.transferId, step));
    return entry ? stepOutcomeOf(entry) : undefined;
  }

  private async run(
    transfer: PendingTransfer,
    { step, accountId, command }: StepCommand,
  ): Promise<StepOutcome> {
    const outcome = await this.deps.service.execute(
      accountId,
      command,
      this.context(transfer, step),
      stepOnce(transfer.transferId, step),
    );
    // Another delivery stored this step's outcome first (possibly the opposite one): it stands.
    return 'alreadyRecorded' in outcome
      ? stepOutcomeOf(outcome.alreadyRecorded)
      : this.outcomeOf(transfer, step, outcome);
  }

  private outcomeOf(
    transfer: PendingTransfer,
    step: ProcessStep,
    outcome: CommandOutcome,
  ): StepOutcome {
    if (outcome.ok) {
      return { outcome: 'accepted' };
    }
    const { code } = outcome.error;
    if (code === 'concurrent-modification' || code === 'version-mismatch') {
      // Transient and not recorded by the service: this step is retried on redelivery.
      throw new TransferStepError(`Step ${step} of ${transfer.transferId} met ${code}`);
    }
    return { outcome: 'refused', reason: code };
  }

  private context(transfer: PendingTransfer, step: ProcessStep): CommandContext {
    return {
      requestId: stepCommandId(transfer.transferId, step),
      correlationId: transfer.correlationId,
      causationId: transfer.sentEventId,
    };
  }
}
