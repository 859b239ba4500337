import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableId, TableSpec } from '../lib/table-specs.js';
import { allTableSpecs } from '../lib/table-specs.js';

export type TableNames = Record<TableId, string>;

/** Physical table names for a prefix, e.g. `ledger-Events`. */
export const tableNames = (prefix: string): TableNames =>
  Object.fromEntries(allTableSpecs.map((spec) => [spec.id, `${prefix}${spec.id}`])) as TableNames;

const keySchema = (spec: { partitionKey: { name: string }; sortKey?: { name: string } }) => [
  { AttributeName: spec.partitionKey.name, KeyType: 'HASH' as const },
  ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' as const }] : []),
];

/** The secondary indexes of a spec, as CreateTable takes them. */
const indexesOf = (spec: TableSpec): Partial<CreateTableCommandInput> => ({
  ...(spec.globalIndexes?.length
    ? {
        GlobalSecondaryIndexes: spec.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index),
          Projection: { ProjectionType: 'ALL' },
        })),
      }
    : {}),
  ...(spec.localIndexes?.length
    ? {
        LocalSecondaryIndexes: spec.localIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema({ partitionKey: spec.partitionKey, sortKey: index.sortKey }),
          Projection: { ProjectionType: 'ALL' },
        })),
      }
    : {}),
});

/** How tables are made: with their streams (the default, as on AWS) or without. */
export interface BootstrapOptions {
  /**
   * False for tables nothing reads the stream of (tests that seed thousands of events): DynamoDB
   * Local slows every later write to any stream-enabled table once it holds many stream records.
   */
  readonly streams?: boolean;
}

/** The stream of a spec that has one, as CreateTable takes it. */
const streamOf = (spec: TableSpec): Partial<CreateTableCommandInput> =>
  spec.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } } : {};

/**
 * The CreateTable request for a spec: the same keys, indexes and stream as the CDK stack (the
 * stream left out with `{ streams: false }`).
 */
export const createTableInput = (
  spec: TableSpec,
  tableName: string,
  { streams = true }: BootstrapOptions = {},
): CreateTableCommandInput => {
  const attributes = new Map<string, string>();
  for (const key of [
    spec.partitionKey,
    spec.sortKey,
    ...(spec.globalIndexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
    ...(spec.localIndexes ?? []).map((i) => i.sortKey),
  ]) {
    if (key) {
      attributes.set(key.name, key.type);
    }
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(spec),
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N',
    })),
    ...indexesOf(spec),
    ...(streams ? streamOf(spec) : {}),
  };
};

/** The keys and local indexes of a table, as one comparable string. */
const shapeOf = (input: {
  KeySchema?:
    readonly { AttributeName?: string | undefined; KeyType?: string | undefined }[] | undefined;
  LocalSecondaryIndexes?: readonly { IndexName?: string | undefined }[] | undefined;
}): string =>
  JSON.stringify([
    input.KeySchema?.map((key) => [key.AttributeName, key.KeyType]),
    (input.LocalSecondaryIndexes ?? []).map((index) => index.IndexName).sort(),
  ]);

/**
 * An existing table whose keys differ from its spec (an older version of the code made it): a cache
 * is dropped so it can be made anew; any other table stops the start with what to do.
 */
const replacedIfStale = async (
  client: DynamoDBClient,
  spec: TableSpec,
  tableName: string,
): Promise<boolean> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table || shapeOf(Table) === shapeOf(createTableInput(spec, tableName))) {
    return false;
  }
  if (!spec.cache) {
    throw new Error(
      `Table ${tableName} has other keys than this code expects; migrate or delete it, then start again`,
    );
  }
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  return true;
};

const createTable = async (
  client: DynamoDBClient,
  spec: TableSpec,
  tableName: string,
  options: BootstrapOptions,
): Promise<void> => {
  try {
    await client.send(new CreateTableCommand(createTableInput(spec, tableName, options)));
    if (spec.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: spec.timeToLiveAttribute },
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
    if (await replacedIfStale(client, spec, tableName)) {
      return createTable(client, spec, tableName, options);
    }
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
};

/** Creates every table that does not exist yet (existing data is kept) and returns their names. */
export const bootstrapTables = async (
  client: DynamoDBClient,
  prefix: string,
  options: BootstrapOptions = {},
): Promise<TableNames> => {
  const names = tableNames(prefix);
  await Promise.all(
    allTableSpecs.map((spec) => createTable(client, spec, names[spec.id], options)),
  );
  return names;
};
