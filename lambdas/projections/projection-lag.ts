import type { DynamoDBStreamEvent } from 'aws-lambda';

/**
 * How far the read models trail the Events table once a batch is done: now minus the creation
 * time of the oldest record the batch applied. Records from the first failed one on are
 * redelivered and measured then, so they do not count. The creation time is whole seconds,
 * rounded down, so the lag reads up to a second high. Undefined when no applied record has one.
 */
export const projectionLagMs = (
  batch: DynamoDBStreamEvent,
  firstFailedSequenceNumber: string | undefined,
  nowMs: number,
): number | undefined => {
  let oldestSeconds: number | undefined;
  for (const record of batch.Records) {
    if (
      firstFailedSequenceNumber !== undefined &&
      record.dynamodb?.SequenceNumber === firstFailedSequenceNumber
    ) {
      break;
    }
    const created = record.dynamodb?.ApproximateCreationDateTime;
    if (typeof created === 'number' && Number.isFinite(created)) {
      oldestSeconds = Math.min(oldestSeconds ?? created, created);
    }
  }
  return oldestSeconds === undefined ? undefined : Math.max(0, nowMs - oldestSeconds * 1000);
};
