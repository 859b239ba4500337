import type { DeliveryOutcome } from './stream-delivery.js';
import type { ShardInfo, ShardPosition } from './stream-shards.js';

/** Where the poller stands in one shard and what it owes the consumer there. */
export interface Cursor {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  iterator: string | undefined;
  position: ShardPosition;
  closed: boolean;
  /** Failed deliveries of the record at `position`. */
  attempts: number;
  /** Epoch ms before which the shard is not read again (retry backoff). */
  retryAt: number;
  batchLimit: number;
}

/** The event source mapping settings the poller imitates. */
export interface RetryPolicy {
  readonly batchSize: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly log: (line: string) => void;
}

/** A cursor at the start (TRIM_HORIZON) of a newly seen shard. */
export const newCursor = (shard: ShardInfo, batchSize: number): Cursor => ({
  ...shard,
  iterator: undefined,
  position: { type: 'TRIM_HORIZON' },
  closed: false,
  attempts: 0,
  retryAt: 0,
  batchLimit: batchSize,
});

const at = (sequenceNumber: string): ShardPosition => ({
  type: 'AT_SEQUENCE_NUMBER',
  sequenceNumber,
});
const after = (sequenceNumber: string): ShardPosition => ({
  type: 'AFTER_SEQUENCE_NUMBER',
  sequenceNumber,
});

const retry = (cursor: Cursor, sequence: string, policy: RetryPolicy, now: number): void => {
  cursor.attempts += 1;
  if (cursor.attempts > policy.maxRetries) {
    // As an on-failure destination would: give up on the record and keep the shard moving.
    policy.log(`stream poller discarded record ${sequence} after ${policy.maxRetries} retries`);
    cursor.position = after(sequence);
    cursor.attempts = 0;
    return;
  }
  cursor.position = at(sequence);
  const delay = policy.retryDelayMs * 2 ** (cursor.attempts - 1);
  cursor.retryAt = now + Math.min(delay, 2_000);
};

const failedIndex = (cursor: Cursor, sequences: readonly string[], outcome: DeliveryOutcome) => {
  if (outcome.kind !== 'failed') {
    return 0;
  }
  if (outcome.index > 0) {
    // Records before the failed one are done, so the new head starts its own retry count.
    cursor.attempts = 0;
  }
  return Math.min(outcome.index, sequences.length - 1);
};

const advance = (
  cursor: Cursor,
  sequences: readonly string[],
  next: string | undefined,
  batchSize: number,
): void => {
  Object.assign(cursor, { iterator: next, closed: next === undefined, attempts: 0 });
  cursor.position = after(sequences.at(-1) ?? '');
  cursor.batchLimit = batchSize;
};

/**
 * Moves a cursor after a delivery, as a Lambda event source mapping with ReportBatchItemFailures,
 * BisectBatchOnFunctionError and MaximumRetryAttempts would: on success past the batch; on a
 * reported failure back to the first failed record, after a backoff; on a throw, half the batch.
 */
export const settle = (
  cursor: Cursor,
  batch: { readonly sequences: readonly string[]; readonly next: string | undefined },
  outcome: DeliveryOutcome,
  policy: RetryPolicy & { readonly now: number },
): void => {
  const { sequences, next } = batch;
  cursor.iterator = undefined;
  if (outcome.kind === 'ok') {
    advance(cursor, sequences, next, policy.batchSize);
    return;
  }
  if (outcome.kind === 'threw' && sequences.length > 1) {
    // A split is not a retry: each half gets its own chance.
    policy.log(
      `stream consumer threw ${outcome.errorName}; splitting a batch of ${sequences.length}`,
    );
    cursor.batchLimit = Math.ceil(sequences.length / 2);
    cursor.position = at(sequences[0] ?? '');
    return;
  }
  if (outcome.kind === 'threw') {
    policy.log(`stream consumer threw ${outcome.errorName} on record ${sequences[0] ?? ''}`);
  }
  retry(cursor, sequences[failedIndex(cursor, sequences, outcome)] ?? '', policy, policy.now);
};
