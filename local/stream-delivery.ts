import { randomUUID } from 'node:crypto';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { buildLambdaContext } from './gateway-event.js';

/** The stream consumer Lambda's handler, as deployed. */
export type StreamConsumer = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

/** What one invocation did with a batch. */
export type DeliveryOutcome =
  | { readonly kind: 'ok' }
  /** Records before `index` are done; `index` and after must be delivered again. */
  | { readonly kind: 'failed'; readonly index: number }
  | { readonly kind: 'threw'; readonly errorName: string };

/** The stream consumer's name and time budget, as its deployed function has them. */
export const consumerFunctionName = 'StreamConsumer';
const consumerTimeoutMs = 60_000;

// Lambda retries from the lowest reported sequence number; an identifier that is not in the
// batch (or is empty) makes Lambda treat the whole batch as failed.
const firstFailedIndex = (records: readonly DynamoDBRecord[], response: DynamoDBBatchResponse) => {
  const indexes = response.batchItemFailures.map(({ itemIdentifier }) =>
    records.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier),
  );
  return indexes.some((index) => index < 0) ? 0 : Math.min(...indexes);
};

/** Invokes the consumer with one batch and reads its batchItemFailures like Lambda does. */
export const deliverBatch = async (
  consumer: StreamConsumer,
  records: DynamoDBRecord[],
): Promise<DeliveryOutcome> => {
  const context = buildLambdaContext(consumerFunctionName, randomUUID(), consumerTimeoutMs);
  try {
    const response = await consumer({ Records: records }, context);
    if (!response || response.batchItemFailures.length === 0) {
      return { kind: 'ok' };
    }
    return { kind: 'failed', index: firstFailedIndex(records, response) };
  } catch (error) {
    return { kind: 'threw', errorName: error instanceof Error ? error.name : typeof error };
  }
};
