import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** The records a batch applied: those before the first failed one (which Lambda redelivers). */
const applied = (
  records: readonly DynamoDBRecord[],
  firstFailedSequenceNumber: string | undefined,
): readonly DynamoDBRecord[] => {
  const failedAt = records.findIndex(
    (record) =>
      firstFailedSequenceNumber !== undefined &&
      record.dynamodb?.SequenceNumber === firstFailedSequenceNumber,
  );
  return failedAt === -1 ? records : records.slice(0, failedAt);
};

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
  const created = applied(batch.Records, firstFailedSequenceNumber)
    .map((record) => record.dynamodb?.ApproximateCreationDateTime)
    .filter(
      (seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds),
    );
  return created.length === 0 ? undefined : Math.max(0, nowMs - Math.min(...created) * 1000);
};
