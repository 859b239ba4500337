import {
  ExpiredIteratorException,
  GetRecordsCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { settle, type Cursor, type RetryPolicy } from './stream-cursor.js';
import { deliverBatch, type StreamConsumer } from './stream-delivery.js';
import { toLambdaRecord } from './stream-records.js';
import { openShard } from './stream-shards.js';

/** What one shard poll did: fed the consumer, found the shard's end, or must wait (retry, error). */
export type PollResult = 'delivered' | 'drained' | 'waiting';

/** Everything a shard poll needs besides the cursor. */
export interface ShardReader {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly consumer: StreamConsumer;
  readonly policy: RetryPolicy;
}

const poll = async (cursor: Cursor, reader: ShardReader): Promise<PollResult> => {
  const { client, streamArn, consumer, policy } = reader;
  if (Date.now() < cursor.retryAt) {
    return 'waiting';
  }
  if (cursor.iterator === undefined) {
    const opened = await openShard(client, streamArn, cursor, policy.log);
    cursor.iterator = opened.iterator;
    cursor.position = opened.position;
  }
  if (cursor.iterator === undefined) {
    cursor.closed = true;
    return 'drained';
  }
  const page = await client.send(
    new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: cursor.batchLimit }),
  );
  const records = page.Records ?? [];
  if (records.length === 0) {
    Object.assign(cursor, { iterator: page.NextShardIterator });
    cursor.closed = page.NextShardIterator === undefined;
    return 'drained';
  }
  const batch = records.map((record) => toLambdaRecord(record, streamArn));
  const sequences = batch.map((record) => record.dynamodb?.SequenceNumber ?? '');
  const outcome = await deliverBatch(consumer, batch);
  const batchInfo = { sequences, next: page.NextShardIterator };
  settle(cursor, batchInfo, outcome, { ...policy, now: Date.now() });
  return 'delivered';
};

/** Reads one page of a shard and delivers it; a failing read leaves the cursor to retry. */
export const pollShard = async (cursor: Cursor, reader: ShardReader): Promise<PollResult> => {
  try {
    return await poll(cursor, reader);
  } catch (error) {
    // A stale iterator is replaced by a fresh one at the cursor's position on the next cycle.
    // DynamoDB Local also reports a TRIM_HORIZON iterator taken on an empty shard as trimmed
    // once the first records arrive, so that is not worth a log line either.
    cursor.iterator = undefined;
    const stale =
      error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException;
    if (!stale) {
      const detail = error instanceof Error ? `${error.name} ${error.message}` : 'error';
      reader.policy.log(`stream poller: ${detail} reading shard`);
      cursor.retryAt = Date.now() + reader.policy.retryDelayMs;
    }
    return 'waiting';
  }
};
