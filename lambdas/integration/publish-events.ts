import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { parseBatch } from '../event-store/event-stream.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { logger } from '../observability.js';
import type { AccountCurrencies } from './account-currencies.js';
import type { IntegrationEvent } from './contracts.js';
import type { EventPublisher } from './event-publisher.js';
import { toIntegrationEvent } from './to-integration-event.js';

/** What publishing needs: a destination and the accounts' currencies. */
export interface PublishDeps {
  readonly publisher: EventPublisher;
  readonly currencies: AccountCurrencies;
}

/**
 * Maps stored events (in stream order) to their public contracts and publishes them. Answers the
 * position of the first event not published, or undefined. An event that cannot be mapped yet (its
 * account's opening unreadable) ends what is published; the events before it still go out.
 */
export const publishEvents = async (
  events: readonly RecordedEvent[],
  deps: PublishDeps,
  options: { readonly replay?: boolean } = {},
): Promise<number | undefined> => {
  const mapped: IntegrationEvent[] = [];
  let unmapped: number | undefined;
  for (const [index, event] of events.entries()) {
    try {
      mapped.push(toIntegrationEvent(event, await deps.currencies.of(event), options));
    } catch (error) {
      logger.warn('integration event not mapped', {
        accountId: event.streamId,
        version: event.version,
        errorName: (error as Error).name,
      });
      unmapped = index;
      break;
    }
  }
  const failedAt = mapped.length > 0 ? await deps.publisher.publish(mapped) : undefined;
  return failedAt ?? unmapped;
};

const publishSafely = async (
  events: readonly RecordedEvent[],
  deps: PublishDeps,
): Promise<number | undefined> => {
  try {
    return await publishEvents(events, deps);
  } catch (error) {
    logger.error('integration events not published', { errorName: (error as Error).name });
    return 0;
  }
};

/**
 * The last step of a stream batch: publishes the events every projection and process of the batch
 * has already taken (those before the batch's first failed record), and never one before its
 * projections succeeded. A publishing failure moves the batch's failed record back to the first
 * event not published, so Lambda redelivers from there (at least once; the projections skip what
 * they applied).
 */
export const publishAfterProjections = async (
  batch: DynamoDBStreamEvent,
  response: DynamoDBBatchResponse,
  deps: PublishDeps,
): Promise<DynamoDBBatchResponse> => {
  const parsed = parseBatch(batch);
  const failed = response.batchItemFailures[0]?.itemIdentifier;
  const end =
    failed === undefined
      ? parsed.length
      : parsed.findIndex(({ sequenceNumber }) => sequenceNumber === failed);
  // An identifier outside the batch makes Lambda redeliver all of it: publish nothing yet.
  const done = parsed.slice(0, Math.max(end, 0)).map(({ event }) => event);
  const failedAt = done.length > 0 ? await publishSafely(done, deps) : undefined;
  const record = failedAt === undefined ? undefined : parsed[failedAt];
  return record ? { batchItemFailures: [{ itemIdentifier: record.sequenceNumber }] } : response;
};
