import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { projectionLagMs } from '../projections/projection-lag.js';
import { dispatchBatch } from '../event-store/event-stream.js';
import { countBatch } from '../observability.js';
import { onColdStart } from './cold-start.js';

/** The one reader of the Events stream: hands every batch to each projector and process manager. */
export const handler = onColdStart(
  (deps) =>
    async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const response = await dispatchBatch(event, deps.consumers);
      const failed = response.batchItemFailures[0]?.itemIdentifier;
      countBatch(
        event.Records.length,
        response.batchItemFailures.length,
        projectionLagMs(event, failed, Date.now()),
      );
      return response;
    },
);
