import {
  ExpiredIteratorException,
  GetRecordsCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { setTimeout as sleep } from 'node:timers/promises';
import { newCursor, settle, type Cursor, type RetryPolicy } from './stream-cursor.js';
import { deliverBatch, type StreamConsumer } from './stream-delivery.js';
import { toLambdaRecord } from './stream-records.js';
import { describeShards, openShard } from './stream-shards.js';

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly consumer: StreamConsumer;
  readonly log: (line: string) => void;
  /** Records per invocation, as the event source mapping's BatchSize (default 100). */
  readonly batchSize?: number;
  /** Pause between polls of a drained stream (default 50 ms). */
  readonly idleDelayMs?: number;
  /** First retry delay; doubles per attempt up to 2 s (default 100 ms). */
  readonly retryDelayMs?: number;
  /** Retries of a failing record before it is discarded, as MaximumRetryAttempts (default 10). */
  readonly maxRetries?: number;
}

export interface StreamPoller {
  /** Resolves once every shard has been read to its end after this call (tests wait on it). */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

type PollResult = 'delivered' | 'drained' | 'waiting';

interface Waiter {
  readonly done: () => void;
  readonly fail: (error: Error) => void;
}

/**
 * Reads the Events stream of DynamoDB Local from TRIM_HORIZON and feeds the stream consumer the same
 * DynamoDBStreamEvent a Lambda event source mapping would, honouring batchItemFailures and bisecting
 * a batch whose invocation throws, with bounded retries, so local runs behave like the deployed ones.
 */
export const startStreamPoller = (options: StreamPollerOptions): StreamPoller => {
  const { client, streamArn, log } = options;
  const batchSize = options.batchSize ?? 100;
  const idleDelayMs = options.idleDelayMs ?? 50;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const policy: RetryPolicy = {
    batchSize,
    maxRetries: options.maxRetries ?? 10,
    retryDelayMs,
    log,
  };
  const cursors = new Map<string, Cursor>();
  const pending: Waiter[] = [];
  const armed: Waiter[] = [];
  const abort = new AbortController();
  let describeNeeded = true;

  const refreshShards = async (): Promise<void> => {
    for (const shard of await describeShards(client, streamArn)) {
      if (!cursors.has(shard.shardId)) {
        cursors.set(shard.shardId, newCursor(shard, batchSize));
      }
    }
    describeNeeded = false;
  };

  const poll = async (cursor: Cursor): Promise<PollResult> => {
    if (Date.now() < cursor.retryAt) {
      return 'waiting';
    }
    if (cursor.iterator === undefined) {
      const opened = await openShard(client, streamArn, cursor, log);
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
    const outcome = await deliverBatch(options.consumer, batch);
    const batchInfo = { sequences, next: page.NextShardIterator };
    settle(cursor, batchInfo, outcome, { ...policy, now: Date.now() });
    return 'delivered';
  };

  const readable = (cursor: Cursor): boolean => {
    const parent =
      cursor.parentShardId === undefined ? undefined : cursors.get(cursor.parentShardId);
    return !cursor.closed && (parent === undefined || parent.closed);
  };

  const pollSafely = async (cursor: Cursor): Promise<PollResult> => {
    try {
      return await poll(cursor);
    } catch (error) {
      // A stale iterator is replaced by a fresh one at the cursor's position on the next cycle.
      // DynamoDB Local also reports a TRIM_HORIZON iterator taken on an empty shard as trimmed
      // once the first records arrive, so that is not worth a log line either.
      cursor.iterator = undefined;
      const stale =
        error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException;
      if (!stale) {
        log(
          `stream poller: ${error instanceof Error ? `${error.name} ${error.message}` : 'error'} reading shard`,
        );
        cursor.retryAt = Date.now() + retryDelayMs;
      }
      return 'waiting';
    }
  };

  const cycle = async (): Promise<{ idle: boolean; delivered: boolean }> => {
    if (describeNeeded) {
      await refreshShards();
    }
    let idle = true;
    let delivered = false;
    // Parents come before their children in DescribeStream, so a child is read in the same cycle
    // as its parent closes.
    for (const cursor of cursors.values()) {
      if (!readable(cursor)) {
        continue;
      }
      const result = await pollSafely(cursor);
      idle &&= result === 'drained';
      delivered ||= result === 'delivered';
      if (cursor.closed) {
        describeNeeded = true;
        idle = false;
      }
    }
    return { idle, delivered };
  };

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      armed.push(...pending.splice(0));
      const { idle, delivered } = await cycle().catch((error: unknown) => {
        log(`stream poller: ${error instanceof Error ? error.name : 'error'} listing shards`);
        return { idle: false, delivered: false };
      });
      if (idle) {
        armed.splice(0).forEach((waiter) => {
          waiter.done();
        });
      }
      // Straight on while records flow; otherwise a short pause keeps both lag and CPU low.
      const pause = delivered || describeNeeded ? 0 : idleDelayMs;
      await sleep(pause, undefined, { signal: abort.signal }).catch(() => undefined);
    }
  };

  const running = run();
  return {
    whenIdle: () =>
      new Promise<void>((done, fail) => {
        pending.push({ done, fail });
      }),
    stop: async () => {
      abort.abort();
      await running;
      for (const waiter of [...armed.splice(0), ...pending.splice(0)]) {
        waiter.fail(new Error('stream poller stopped'));
      }
    },
  };
};
