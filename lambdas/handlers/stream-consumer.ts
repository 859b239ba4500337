import { streamDependencies, type StreamDependencies } from '../stream-dependencies.js';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { projectionLagMs } from '../projections/projection-lag.js';
import { dispatchBatch } from '../event-store/event-stream.js';
import { integrationPublishing, publishAfterProjections } from '../integration/index.js';
import { countBatch } from '../observability.js';
import { onColdStart } from './cold-start.js';

/**
 * The one reader of the Events stream: hands every batch to each projector and process manager,
 * then publishes the integration events of what they all took (when a destination is configured).
 */
/** Builds the stream consumer from a dependency graph (tests pass their own). */
export const streamConsumer = (deps: StreamDependencies) => {
  const publishing = integrationPublishing(deps);
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const projected = await dispatchBatch(event, deps.consumers);
    const response = publishing
      ? await publishAfterProjections(event, projected, publishing)
      : projected;
    const failed = response.batchItemFailures[0]?.itemIdentifier;
    countBatch(
      event.Records.length,
      response.batchItemFailures.length,
      projectionLagMs(event, failed, Date.now()),
    );
    return response;
  };
};

export const handler = onColdStart(streamConsumer, streamDependencies);
