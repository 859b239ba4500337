import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PollPacer, type CycleOutcome, type Pause } from './poll-pacer.js';
import { pollShard, type PollResult, type ShardReader } from './shard-poll.js';
import { newCursor, type Cursor } from './stream-cursor.js';
import type { StreamConsumer } from './stream-delivery.js';
import { describeShards } from './stream-shards.js';

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly consumer: StreamConsumer;
  readonly log: (line: string) => void;
  /** Records per invocation, as the event source mapping's BatchSize (default 100). */
  readonly batchSize?: number;
  /** First pause after a poll of a drained stream; doubles per idle poll (default 10 ms). */
  readonly idleDelayMs?: number;
  /** Longest pause between polls of a drained stream; wake() ends it (default 1,000 ms). */
  readonly maxIdleDelayMs?: number;
  /** The timer behind every pause (tests pass a fake one). */
  readonly pause?: Pause;
  /** First retry delay; doubles per attempt up to 2 s (default 100 ms). */
  readonly retryDelayMs?: number;
  /** Retries of a failing record before it is discarded, as MaximumRetryAttempts (default 10). */
  readonly maxRetries?: number;
}

interface Waiter {
  readonly done: () => void;
  readonly fail: (error: Error) => void;
}

const outcomeOf = (results: readonly PollResult[]): CycleOutcome => {
  if (results.includes('delivered')) {
    return 'busy';
  }
  return results.every((result) => result === 'drained') ? 'idle' : 'waiting';
};

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'error');

/**
 * Reads the Events stream of DynamoDB Local from TRIM_HORIZON and feeds the stream consumer the same
 * DynamoDBStreamEvent a Lambda event source mapping would, honouring batchItemFailures and bisecting
 * a batch whose invocation throws, with bounded retries, so local runs behave like the deployed ones.
 */
export class StreamPoller {
  readonly #options: StreamPollerOptions;
  readonly #reader: ShardReader;
  readonly #pacer: PollPacer;
  readonly #cursors = new Map<string, Cursor>();
  readonly #pending: Waiter[] = [];
  readonly #armed: Waiter[] = [];
  readonly #abort = new AbortController();
  #describeNeeded = true;
  #running: Promise<void> = Promise.resolve();

  private constructor(options: StreamPollerOptions) {
    this.#options = options;
    this.#pacer = new PollPacer({
      idleDelayMs: options.idleDelayMs ?? 10,
      maxIdleDelayMs: options.maxIdleDelayMs ?? 1_000,
      signal: this.#abort.signal,
      ...(options.pause ? { pause: options.pause } : {}),
    });
    const { client, streamArn, consumer, log } = options;
    const policy = {
      batchSize: options.batchSize ?? 100,
      maxRetries: options.maxRetries ?? 10,
      retryDelayMs: options.retryDelayMs ?? 100,
      log,
    };
    this.#reader = { client, streamArn, consumer, policy };
  }

  /** Starts polling at once; stop() ends it. */
  static start(options: StreamPollerOptions): StreamPoller {
    const poller = new StreamPoller(options);
    poller.#running = poller.#run();
    return poller;
  }

  /** Resolves once every shard has been read to its end after this call (tests wait on it). */
  whenIdle(): Promise<void> {
    const idle = new Promise<void>((done, fail) => {
      this.#pending.push({ done, fail });
    });
    this.wake();
    return idle;
  }

  /** Records were (or may have been) written: poll now instead of after the idle pause. */
  wake(): void {
    this.#pacer.wake();
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
      this.#pacer.beginCycle();
      const outcome = await this.#cycle().catch((error: unknown): CycleOutcome => {
        this.#options.log(`stream poller: ${errorName(error)} listing shards`);
        return 'waiting';
      });
      if (outcome === 'idle') {
        this.#armed.splice(0).forEach((waiter) => {
          waiter.done();
        });
      }
      await this.#pacer.rest(this.#describeNeeded ? 'busy' : outcome);
    }
  }

  async #cycle(): Promise<CycleOutcome> {
    if (this.#describeNeeded) {
      await this.#refreshShards();
    }
    const results: PollResult[] = [];
    // Parents come before their children in DescribeStream, so a child is read in the same cycle
    // as its parent closes.
    for (const cursor of this.#cursors.values()) {
      if (!this.#readable(cursor)) {
        continue;
      }
      results.push(await pollShard(cursor, this.#reader));
      if (cursor.closed) {
        this.#describeNeeded = true;
        // Not idle until the closed shard's children have been read.
        results.push('waiting');
      }
    }
    return outcomeOf(results);
  }

  async #refreshShards(): Promise<void> {
    const { client, streamArn } = this.#options;
    for (const shard of await describeShards(client, streamArn)) {
      if (!this.#cursors.has(shard.shardId)) {
        this.#cursors.set(shard.shardId, newCursor(shard, this.#reader.policy.batchSize));
      }
    }
    this.#describeNeeded = false;
  }

  #readable(cursor: Cursor): boolean {
    const parent =
      cursor.parentShardId === undefined ? undefined : this.#cursors.get(cursor.parentShardId);
    return !cursor.closed && (parent === undefined || parent.closed);
  }
}
