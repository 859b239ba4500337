import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createRawClient } from '../../../lambdas/dynamodb-client.js';
import { bootstrapTables } from '../../../local/bootstrap-tables.js';

const raw = createRawClient({ endpoint: inject('dynamoEndpoint') });

/** A table as an older version of the code made it: keyed by accountId alone. */
const createOldShape = async (tableName: string) => {
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'accountId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'accountId', AttributeType: 'S' }],
    }),
  );
  await raw.send(
    new PutItemCommand({ TableName: tableName, Item: { accountId: { S: 'acc-old' } } }),
  );
};

describe('local table bootstrap', () => {
  it('gives the Events table its stream, unless asked for tables without streams', async () => {
    const streamOf = async (tableName: string) =>
      (await raw.send(new DescribeTableCommand({ TableName: tableName }))).Table
        ?.StreamSpecification;

    const withStreams = await bootstrapTables(raw, `b${randomUUID().slice(0, 8)}-`);
    const without = await bootstrapTables(raw, `b${randomUUID().slice(0, 8)}-`, {
      streams: false,
    });

    expect(await streamOf(withStreams.Events)).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_IMAGE',
    });
    expect(await streamOf(without.Events)).toBeUndefined();
  });

  it('recreates a snapshots table left with the old keys, by version and time', async () => {
    const prefix = `b${randomUUID().slice(0, 8)}-`;
    await createOldShape(`${prefix}Snapshots`);

    const names = await bootstrapTables(raw, prefix);

    const { Table } = await raw.send(new DescribeTableCommand({ TableName: names.Snapshots }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'accountId', KeyType: 'HASH' },
      { AttributeName: 'version', KeyType: 'RANGE' },
    ]);
    expect(Table?.LocalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byTime']);
    const { Items } = await raw.send(new ScanCommand({ TableName: names.Snapshots }));
    expect(Items).toEqual([]);
  });

  it('refuses to start over a table of record whose keys differ, and keeps its items', async () => {
    const prefix = `b${randomUUID().slice(0, 8)}-`;
    await createOldShape(`${prefix}Events`);

    await expect(bootstrapTables(raw, prefix)).rejects.toThrow(
      `Table ${prefix}Events has other keys than this code expects`,
    );
    const { Items } = await raw.send(new ScanCommand({ TableName: `${prefix}Events` }));
    expect(Items).toHaveLength(1);
  });

  it('leaves a table of the current shape and its items alone', async () => {
    const prefix = `b${randomUUID().slice(0, 8)}-`;
    const names = await bootstrapTables(raw, prefix);
    await raw.send(
      new PutItemCommand({
        TableName: names.Snapshots,
        Item: { accountId: { S: 'acc-1' }, version: { N: '100' }, occurredAt: { S: 'x' } },
      }),
    );

    await bootstrapTables(raw, prefix);

    const { Items } = await raw.send(new ScanCommand({ TableName: names.Snapshots }));
    expect(Items).toHaveLength(1);
  });
});
