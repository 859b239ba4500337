import {
  CreateTableCommand,
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

/** The CreateTable request for a spec: the same keys, indexes and stream as the CDK stack. */
export const createTableInput = (spec: TableSpec, tableName: string): CreateTableCommandInput => {
  const attributes = new Map<string, string>();
  for (const key of [
    spec.partitionKey,
    spec.sortKey,
    ...(spec.globalIndexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
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
    ...(spec.globalIndexes?.length
      ? {
          GlobalSecondaryIndexes: spec.globalIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
    ...(spec.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } }
      : {}),
  };
};

const createTable = async (client: DynamoDBClient, spec: TableSpec, tableName: string) => {
  try {
    await client.send(new CreateTableCommand(createTableInput(spec, tableName)));
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
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
};

/** Creates every table that does not exist yet (existing data is kept) and returns their names. */
export const bootstrapTables = async (
  client: DynamoDBClient,
  prefix: string,
): Promise<TableNames> => {
  const names = tableNames(prefix);
  await Promise.all(allTableSpecs.map((spec) => createTable(client, spec, names[spec.id])));
  return names;
};
