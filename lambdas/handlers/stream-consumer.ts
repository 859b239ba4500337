import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dispatchBatch } from '../projections/stream-batch.js';
import { onColdStart } from './cold-start.js';

/** The one reader of the Events stream: hands every batch to each projector and process manager. */
export const handler = onColdStart(
  (deps) =>
    (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
      dispatchBatch(event, deps.consumers),
);
