import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { createRawClient } from '../../lambdas/dynamodb-client.js';
import type { TableSpec } from '../../lib/table-specs.js';
import { createTableInput } from '../../local/bootstrap-tables.js';
import { chunks } from './contender.js';

export type RawItem = Record<string, AttributeValue>;

/**
 * A low-level client for DynamoDB Local with the same settings as lambdas/dynamodb-client.ts
 * (region, dummy credentials, 5 attempts), so no contender gets a differently tuned client.
 */
export const rawClient = (endpoint: string): DynamoDBClient => createRawClient({ endpoint });

/** Writes items unconditionally in batches of 25, resending whatever DynamoDB left unprocessed. */
export const batchWrite = async (
  client: DynamoDBClient,
  table: string,
  items: readonly RawItem[],
): Promise<void> => {
  for (const chunk of chunks(items)) {
    let requests: WriteRequest[] = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
      );
      requests = UnprocessedItems?.[table] ?? [];
    }
  }
};

/**
 * A table as its spec declares it, minus the stream: DynamoDB Local emulates streams inside the write
 * path (about 3 ms a put, four times a put without), which DynamoDB does not do. Every contender's
 * table goes without one, so the figures compare the stores and not the emulator.
 */
export const createStreamlessTable = async (
  client: DynamoDBClient,
  spec: TableSpec,
  name: string,
): Promise<void> => {
  await client.send(new CreateTableCommand(createTableInput(spec, name, { streams: false })));
};
