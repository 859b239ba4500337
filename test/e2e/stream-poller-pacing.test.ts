import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pause } from '../../local/poll-pacer.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { createTestTables, type TestTables } from '../support/dynamodb.js';

const ok: DynamoDBBatchResponse = { batchItemFailures: [] };

/**
 * A virtual clock behind every pause of the poller: a pause moves the clock on by its length and
 * ends at once, until the clock would pass `parkAt`; from then on the clock stands still and every
 * pause but one of 0 ms ends only when aborted (a wake or stop), so whatever the poller does next
 * was caused by the wake, not by time.
 */
class FakeTimer {
  now = 0;
  readonly pauses: number[] = [];
  parked: Promise<void>;
  #onParked: () => void = () => undefined;
  #stopped = false;

  constructor(private readonly parkAt: number) {
    this.parked = new Promise((done) => (this.#onParked = done));
  }

  readonly pause: Pause = (ms, signal) => {
    this.pauses.push(ms);
    if (ms === 0 || (!this.#stopped && this.now + ms < this.parkAt)) {
      this.now += ms;
      return new Promise((done) => setImmediate(done));
    }
    this.#stopped = true;
    this.#onParked();
    return new Promise((done) => {
      signal.addEventListener('abort', () => {
        done();
      });
    });
  };

  /** The next park: after a wake, the poller runs until it asks for a pause again. */
  rearm(): void {
    this.parked = new Promise((done) => (this.#onParked = done));
  }
}

describe('stream poller pacing on DynamoDB Local', () => {
  let tables: TestTables;
  let client: DynamoDBStreamsClient;
  let streamArn: string;
  let poller: StreamPoller | undefined;
  let getRecordsCalls = 0;
  let version = 0;

  beforeEach(async () => {
    tables = await createTestTables();
    const described = await tables.raw.send(
      new DescribeTableCommand({ TableName: tables.names.Events }),
    );
    streamArn = described.Table!.LatestStreamArn!;
    client = new DynamoDBStreamsClient({
      endpoint: tables.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    getRecordsCalls = 0;
    version = 0;
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'GetRecordsCommand') {
          getRecordsCalls += 1;
        }
        return next(args);
      },
      { step: 'initialize', name: 'countGetRecords' },
    );
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  const append = async (): Promise<void> => {
    version += 1;
    await tables.raw.send(
      new PutItemCommand({
        TableName: tables.names.Events,
        Item: { accountId: { S: 'acc-1' }, version: { N: String(version) } },
      }),
    );
  };

  const start = (timer: FakeTimer, received: number[]): StreamPoller => {
    poller = StreamPoller.start({
      client,
      streamArn,
      log: () => undefined,
      idleDelayMs: 10,
      maxIdleDelayMs: 1_000,
      pause: timer.pause,
      consumer: (event) => {
        received.push(...event.Records.map((r) => Number(r.dynamodb?.Keys?.['version']?.N)));
        return Promise.resolve(ok);
      },
    });
    return poller;
  };

  it('doubles its pause on an idle stream up to the cap: 17 polls in 10 s, not 200', async () => {
    const timer = new FakeTimer(10_000);
    const received: number[] = [];
    await append();

    start(timer, received);
    await timer.parked;

    expect(received).toEqual([1]);
    // After the delivery: straight on once, then 10 ms doubling per empty poll up to 1 s.
    const afterDelivery = timer.pauses.slice(timer.pauses.indexOf(0));
    expect(afterDelivery.slice(0, 10)).toEqual([0, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    expect(afterDelivery.slice(8).every((ms) => ms === 1_000)).toBe(true);
    // A fixed 50 ms idle poll (the previous poller) makes 200 reads in the same 10 s.
    expect(getRecordsCalls).toBe(17);
    expect(getRecordsCalls).toBe(timer.pauses.length);
  });

  it('reads a write at once on wake(), while the clock stands in a 1 s idle pause', async () => {
    const timer = new FakeTimer(5_000);
    const received: number[] = [];
    await append();
    start(timer, received);
    await timer.parked;
    const pollsBefore = getRecordsCalls;
    const clockBefore = timer.now;
    timer.rearm();

    await append();
    poller!.wake();
    await timer.parked;

    expect(received).toEqual([1, 2]);
    expect(timer.now).toBe(clockBefore);
    // The woken cycle delivers, the next finds the shard drained and rests again.
    expect(getRecordsCalls - pollsBefore).toBe(2);
  });

  it('starts the idle back-off again from 10 ms after a wake', async () => {
    const timer = new FakeTimer(5_000);
    await append();
    start(timer, []);
    await timer.parked;
    const pausesBefore = timer.pauses.length;
    timer.rearm();

    await append();
    poller!.wake();
    await timer.parked;

    expect(timer.pauses.slice(pausesBefore)).toEqual([0, 10]);
  });

  it('ends an idle pause for whenIdle(), so a waiting test sees writes from any writer', async () => {
    const timer = new FakeTimer(5_000);
    const received: number[] = [];
    await append();
    start(timer, received);
    await timer.parked;
    const clockBefore = timer.now;

    await append();
    await poller!.whenIdle();

    expect(received).toEqual([1, 2]);
    expect(timer.now).toBe(clockBefore);
  });
});
