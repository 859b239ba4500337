import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { fromEventItem } from './event-item.js';
import type { RecordedEvent } from './event-store.js';
import { upcast } from './upcasters.js';
import { inLogScope } from '../log-scope.js';
import { logger } from '../observability.js';
import { continueTrace } from '../trace-context.js';

/** A stream record's event, with the sequence number Lambda needs to redeliver from it. */
export interface BatchEvent {
  readonly sequenceNumber: string;
  readonly event: RecordedEvent;
}

/**
 * One reader of the Events stream (a projector, the transfer process manager). It returns the
 * position of the first event it could not process, or undefined when it processed them all.
 */
export interface StreamConsumer {
  readonly name: string;
  consume(events: readonly RecordedEvent[]): Promise<number | undefined>;
}

/**
 * Runs a consumer's work on an event in that event's trace (a new span of the request that
 * appended it), so its log lines, and the events it appends in turn, carry the same trace.
 */
export const inEventScope = <T>(event: RecordedEvent, work: () => T): T =>
  inLogScope({ traceparent: continueTrace(event.metadata.traceparent) }, work);

// One line per event every consumer has taken, in its trace: the last step of a request's trail.
const logConsumed = (events: readonly RecordedEvent[], count: number): void => {
  for (const event of events.slice(0, count)) {
    inEventScope(event, () => {
      logger.info('event consumed', {
        accountId: event.streamId,
        version: event.version,
        type: event.type,
      });
    });
  }
};

/** Parses INSERT records (events are never updated or deleted; anything else is skipped). */
export const parseBatch = (batch: DynamoDBStreamEvent): BatchEvent[] =>
  batch.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) {
      return [];
    }
    // Lambda's image type is the wire format under another name.
    return [{ sequenceNumber, event: fromEventItem(image as Record<string, AttributeValue>) }];
  });

/** Upcasts each event; the first unreadable one ends the usable prefix of the batch. */
const readable = (
  events: readonly BatchEvent[],
): { events: RecordedEvent[]; failedAt?: number } => {
  const out: RecordedEvent[] = [];
  for (const [index, { event }] of events.entries()) {
    try {
      out.push(upcast(event));
    } catch (error) {
      logger.error('unreadable event', {
        errorName: (error as Error).name,
        version: event.version,
      });
      return { events: out, failedAt: index };
    }
  }
  return { events: out };
};

/**
 * Hands a batch to every consumer. Each consumer sees the whole batch, so one failing never blocks
 * another; the batch reports the earliest failed record, from which Lambda redelivers, and the
 * consumers skip what they already applied (they are idempotent).
 */
export const dispatchBatch = async (
  batch: DynamoDBStreamEvent,
  consumers: readonly StreamConsumer[],
): Promise<DynamoDBBatchResponse> => {
  const parsed = parseBatch(batch);
  const { events, failedAt } = readable(parsed);
  const failures = await Promise.all(
    consumers.map(async (consumer) => {
      try {
        return await consumer.consume(events);
      } catch (error) {
        logger.error('consumer failed', {
          consumer: consumer.name,
          errorName: (error as Error).name,
        });
        return 0;
      }
    }),
  );
  const earliest = Math.min(
    ...[failedAt, ...failures].filter((index): index is number => index !== undefined),
  );
  const failed = Number.isFinite(earliest) ? parsed[earliest] : undefined;
  logConsumed(events, Number.isFinite(earliest) ? earliest : events.length);
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.sequenceNumber }] : [] };
};

/** An account's events in version order, each version once (a batch may repeat or reorder them). */
const inVersionOrder = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  [...new Map(events.map((event) => [event.version, event])).values()].sort(
    (a, b) => a.version - b.version,
  );

/**
 * Runs `apply` per account, with each account's events deduplicated and in version order, and
 * returns the position of the first event of the earliest account that failed.
 */
export const perAccount = async (
  events: readonly RecordedEvent[],
  apply: (accountId: string, events: readonly RecordedEvent[]) => Promise<void>,
): Promise<number | undefined> => {
  const groups = new Map<string, { first: number; events: RecordedEvent[] }>();
  for (const [index, event] of events.entries()) {
    const group = groups.get(event.streamId) ?? { first: index, events: [] };
    group.events.push(event);
    groups.set(event.streamId, group);
  }
  let failedAt: number | undefined;
  for (const [accountId, group] of groups) {
    const [first, ...rest] = inVersionOrder(group.events);
    try {
      if (first) {
        await inEventScope(first, () => apply(accountId, [first, ...rest]));
      }
    } catch (error) {
      logger.warn('account not projected', { accountId, errorName: (error as Error).name });
      failedAt = Math.min(failedAt ?? group.first, group.first);
    }
  }
  return failedAt;
};
