import { setTimeout as sleep } from 'node:timers/promises';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { logger } from '../observability.js';
import type { IntegrationEvent } from './contracts.js';
import type { EventPublisher } from './event-publisher.js';
import { putEventsBatches } from './put-events-batches.js';
import { INTEGRATION_SOURCE } from './source.js';
import { doublingDelays, retrying } from '../retries.js';

/**
 * Entry error codes worth another call: the request was throttled or failed inside EventBridge
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html).
 * Every other code (AccessDeniedException, MalformedDetail, ...) fails the same way again.
 */
const retryableCodes = new Set(['ThrottlingException', 'InternalFailure']);

/** One PutEvents call: the result entries, in request order (see eventbridge-client.ts). */
export type PutEvents = (entries: PutEventsRequestEntry[]) => Promise<PutEventsResultEntry[]>;

export interface EventBridgePublisherOptions {
  readonly putEvents: PutEvents;
  readonly busName: string;
  /** Calls per entry, first included, while its failure is retryable (default 4). */
  readonly attempts?: number;
  /** First backoff before re-sending failed entries; doubles per attempt (default 100 ms). */
  readonly baseDelayMs?: number;
  readonly wait?: (ms: number) => Promise<unknown>;
}

/** The PutEvents entry of an integration event: its contract type is the detail-type. */
export const putEventsEntry = (
  event: IntegrationEvent,
  busName: string,
): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: INTEGRATION_SOURCE,
  DetailType: event.type,
  Detail: JSON.stringify(event),
  Time: new Date(event.occurredAt),
});

/** Entries PutEvents throttled (a retryable code) after an attempt: they are sent again. */
class StillThrottledError extends Error {
  override readonly name = 'StillThrottledError';
}

/**
 * Publishes to an EventBridge bus with PutEvents, in calls within its limits (10 entries, 256 KB).
 * A call can partly fail: `FailedEntryCount` says how many, and each failed result entry (the
 * results are in request order) carries an ErrorCode
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html). Failed entries are
 * sent again, alone, with backoff, while their code is retryable; what still fails is reported as
 * the first unpublished position, and later calls are not made (they would be redelivered anyway).
 * A call that throws (the SDK has already retried throttling) fails all of its entries. EventBridge
 * gives each accepted entry its own event id: the dedup key is the `id` inside the detail.
 */
export class EventBridgePublisher implements EventPublisher {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(private readonly options: EventBridgePublisherOptions) {
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.wait = options.wait ?? ((ms) => sleep(ms));
  }

  async publish(events: readonly IntegrationEvent[]): Promise<number | undefined> {
    const entries = events.map((event) => putEventsEntry(event, this.options.busName));
    for (const batch of putEventsBatches(entries)) {
      const failed = await this.sendWithRetries(batch, entries);
      if (failed.length > 0) {
        return Math.min(...failed);
      }
    }
    return undefined;
  }

  /** Sends one call's positions; answers the positions still unpublished after the retries. */
  private async sendWithRetries(
    batch: readonly number[],
    entries: readonly PutEventsRequestEntry[],
  ): Promise<number[]> {
    let pending = [...batch];
    const attempt = async (): Promise<number[]> => {
      const results = await this.send(pending.map((index) => entries[index] ?? {}));
      if (results === undefined) {
        return pending;
      }
      const failures = pending.flatMap((index, position) => {
        const result = results[position];
        return result?.EventId ? [] : [{ index, code: result?.ErrorCode ?? 'MissingResult' }];
      });
      const permanent = failures.filter(({ code }) => !retryableCodes.has(code));
      if (permanent.length > 0) {
        logger.error('integration events refused', {
          errorCodes: permanent.map(({ code }) => code),
        });
        return failures.map(({ index }) => index);
      }
      pending = failures.map(({ index }) => index);
      if (pending.length > 0) {
        throw new StillThrottledError();
      }
      return pending;
    };
    try {
      // No attempt at all leaves the whole batch unpublished, as a throttled one.
      if (this.attempts < 1) {
        throw new StillThrottledError();
      }
      return await retrying(attempt, {
        delaysMs: doublingDelays(this.baseDelayMs, this.attempts - 1),
        retryable: (error) => error instanceof StillThrottledError,
        wait: this.wait,
      });
    } catch (error) {
      if (!(error instanceof StillThrottledError)) {
        throw error;
      }
      logger.warn('integration events still throttled', { entries: pending.length });
      return pending;
    }
  }

  private async send(
    entries: PutEventsRequestEntry[],
  ): Promise<PutEventsResultEntry[] | undefined> {
    try {
      return await this.options.putEvents(entries);
    } catch (error) {
      logger.error('PutEvents failed', { errorName: (error as Error).name });
      return undefined;
    }
  }
}
