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

type PollResult = 'delivered' | 'drained' | 'waiting';

interface Waiter {
  readonly done: () => void;
  readonly fail: (error: Error) => void;
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'error');

/**
 * Reads the Events stream of DynamoDB Local from TRIM_HORIZON and feeds the stream consumer the same
 * DynamoDBStreamEvent a Lambda event source mapping would, honouring batchItemFailures and bisecting
 * a batch whose invocation throws, with bounded retries, so local runs behave like the deployed ones.
 */
export class StreamPoller {
  readonly #options: StreamPollerOptions;
  readonly #policy: RetryPolicy;
  readonly #idleDelayMs: number;
  readonly #cursors = new Map<string, Cursor>();
  readonly #pending: Waiter[] = [];
  readonly #armed: Waiter[] = [];
  readonly #abort = new AbortController();
  #describeNeeded = true;
  #running: Promise<void> = Promise.resolve();

  private constructor(options: StreamPollerOptions) {
    this.#options = options;
    this.#idleDelayMs = options.idleDelayMs ?? 50;
    this.#policy = {
      batchSize: options.batchSize ?? 100,
      maxRetries: options.maxRetries ?? 10,
      retryDelayMs: options.retryDelayMs ?? 100,
      log: options.log,
    };
  }

  /** Starts polling at once; stop() ends it. */
  static start(options: StreamPollerOptions): StreamPoller {
    const poller = new StreamPoller(options);
    poller.#running = poller.#run();
    return poller;
  }

  /** Resolves once every shard has been read to its end after this call (tests wait on it). */
  whenIdle(): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.#pending.push({ done, fail });
    });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
    for (const waiter of [...this.#armed.splice(0), ...this.#pending.splice(0)]) {
      waiter.fail(new Error('stream poller stopped'));
    }
  }

  async #run(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      this.#armed.push(...this.#pending.splice(0));
      const { idle, delivered } = await this.#cycle().catch((error: unknown) => {
        this.#options.log(`stream poller: ${errorName(error)} listing shards`);
        return { idle: false, delivered: false };
      });
      if (idle) {
        this.#armed.splice(0).forEach((waiter) => {
          waiter.done();
        });
      }
      // Straight on while records flow; otherwise a short pause keeps both lag and CPU low.
      const pause = delivered || this.#describeNeeded ? 0 : this.#idleDelayMs;
      await sleep(pause, undefined, { signal: this.#abort.signal }).catch(() => undefined);
    }
  }

  async #cycle(): Promise<{ idle: boolean; delivered: boolean }> {
    if (this.#describeNeeded) {
      await this.#refreshShards();
    }
    let idle = true;
    let delivered = false;
    // Parents come before their children in DescribeStream, so a child is read in the same cycle
    // as its parent closes.
    for (const cursor of this.#cursors.values()) {
      if (!this.#readable(cursor)) {
        continue;
      }
      const result = await this.#pollSafely(cursor);
      idle &&= result === 'drained';
      delivered ||= result === 'delivered';
      if (cursor.closed) {
        this.#describeNeeded = true;
        idle = false;
      }
    }
    return { idle, delivered };
  }

  async #refreshShards(): Promise<void> {
    const { client, streamArn } = this.#options;
    for (const shard of await describeShards(client, streamArn)) {
      if (!this.#cursors.has(shard.shardId)) {
        this.#cursors.set(shard.shardId, newCursor(shard, this.#policy.batchSize));
      }
    }
    this.#describeNeeded = false;
  }

  #readable(cursor: Cursor): boolean {
    const parent =
      cursor.parentShardId === undefined ? undefined : this.#cursors.get(cursor.parentShardId);
    return !cursor.closed && (parent === undefined || parent.closed);
  }

  async #pollSafely(cursor: Cursor): Promise<PollResult> {
    try {
      return await this.#poll(cursor);
    } catch (error) {
      // A stale iterator is replaced by a fresh one at the cursor's position on the next cycle.
      // DynamoDB Local also reports a TRIM_HORIZON iterator taken on an empty shard as trimmed
      // once the first records arrive, so that is not worth a log line either.
      cursor.iterator = undefined;
      const stale =
        error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException;
      if (!stale) {
        const detail = error instanceof Error ? `${error.name} ${error.message}` : 'error';
        this.#options.log(`stream poller: ${detail} reading shard`);
        cursor.retryAt = Date.now() + this.#policy.retryDelayMs;
      }
      return 'waiting';
    }
  }

  async #poll(cursor: Cursor): Promise<PollResult> {
    const { client, streamArn, log, consumer } = this.#options;
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
    const outcome = await deliverBatch(consumer, batch);
    const batchInfo = { sequences, next: page.NextShardIterator };
    settle(cursor, batchInfo, outcome, { ...this.#policy, now: Date.now() });
    return 'delivered';
  }
}
