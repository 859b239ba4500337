import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamConsumer } from '../../local/stream-delivery.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { createTestTables, type TestTables } from '../support/dynamodb.js';

const ok: DynamoDBBatchResponse = { batchItemFailures: [] };
const versionsOf = (event: DynamoDBStreamEvent): number[] =>
  event.Records.map((record) => Number(record.dynamodb?.NewImage?.['version']?.N));

describe('stream poller on DynamoDB Local', () => {
  let tables: TestTables;
  let streamArn: string;
  let poller: StreamPoller | undefined;
  const logs: string[] = [];

  beforeEach(async () => {
    tables = await createTestTables();
    const described = await tables.raw.send(
      new DescribeTableCommand({ TableName: tables.names.Events }),
    );
    streamArn = described.Table!.LatestStreamArn!;
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  const append = async (count: number, from = 1): Promise<void> => {
    for (let version = from; version < from + count; version += 1) {
      await tables.raw.send(
        new PutItemCommand({
          TableName: tables.names.Events,
          Item: {
            accountId: { S: 'acc-1' },
            version: { N: String(version) },
            type: { S: 'MoneyDeposited' },
            data: { M: { amount: { N: '100' } } },
            tag: { B: new Uint8Array([1, 2, 3]) },
          },
        }),
      );
    }
  };

  const start = (consumer: StreamConsumer, options: { batchSize?: number } = {}) => {
    poller = StreamPoller.start({
      client: new DynamoDBStreamsClient({
        endpoint: tables.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      streamArn,
      consumer,
      log: (line) => logs.push(line),
      retryDelayMs: 10,
      maxRetries: 3,
      ...options,
    });
    return poller;
  };

  it('delivers each insert in the Lambda DynamoDBStreamEvent record shape', async () => {
    const received: DynamoDBRecord[] = [];
    await append(1);

    await start((event) => {
      received.push(...event.Records);
      return Promise.resolve(ok);
    }).whenIdle();

    expect(received).toHaveLength(1);
    const record = received[0]!;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: streamArn,
      dynamodb: {
        Keys: { accountId: { S: 'acc-1' }, version: { N: '1' } },
        NewImage: {
          type: { S: 'MoneyDeposited' },
          data: { M: { amount: { N: '100' } } },
          tag: { B: 'AQID' },
        },
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(record.eventID).toMatch(/\S+/);
    expect(record.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
    expect(record.dynamodb?.SizeBytes).toBeGreaterThan(0);
    const created = record.dynamodb?.ApproximateCreationDateTime ?? 0;
    expect(Math.abs(created - Date.now() / 1000)).toBeLessThan(120);
  });

  it('invokes the consumer with batches of at most the batch size, in order', async () => {
    const batches: number[][] = [];
    await append(25);

    await start(
      (event) => {
        batches.push(versionsOf(event));
        return Promise.resolve(ok);
      },
      { batchSize: 10 },
    ).whenIdle();

    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
  });

  it('redelivers from the first reported failure onwards and nothing before it', async () => {
    const batches: number[][] = [];
    let failed = false;
    await append(4);

    await start((event) => {
      batches.push(versionsOf(event));
      const third = event.Records.find((record) => record.dynamodb?.Keys?.['version']?.N === '3');
      if (!failed && third) {
        failed = true;
        return Promise.resolve({
          batchItemFailures: [{ itemIdentifier: third.dynamodb!.SequenceNumber! }],
        });
      }
      return Promise.resolve(ok);
    }).whenIdle();

    expect(batches).toEqual([
      [1, 2, 3, 4],
      [3, 4],
    ]);
  });

  it('picks up records written while it runs', async () => {
    const seen: number[] = [];
    const running = start((event) => {
      seen.push(...versionsOf(event));
      return Promise.resolve(ok);
    });
    await running.whenIdle();

    await append(3);
    await running.whenIdle();

    expect(seen).toEqual([1, 2, 3]);
  });

  it('splits a batch whose invocation throws, as BisectBatchOnFunctionError does', async () => {
    const batches: number[][] = [];
    await append(4);

    await start((event) => {
      batches.push(versionsOf(event));
      if (versionsOf(event).includes(4) && event.Records.length > 1) {
        return Promise.reject(new Error('poison'));
      }
      return Promise.resolve(ok);
    }).whenIdle();

    expect(batches).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
  });

  it('discards a record that keeps failing after the retry limit and moves on', async () => {
    const attempts: number[] = [];
    await append(2);

    await start((event) => {
      attempts.push(...versionsOf(event).slice(0, 1));
      const first = event.Records[0]!;
      const failing = first.dynamodb?.Keys?.['version']?.N === '1';
      return Promise.resolve(
        failing ? { batchItemFailures: [{ itemIdentifier: first.dynamodb!.SequenceNumber! }] } : ok,
      );
    }).whenIdle();

    expect(attempts).toEqual([1, 1, 1, 1, 2]);
    expect(logs.some((line) => line.includes('discarded record'))).toBe(true);
  });
});
