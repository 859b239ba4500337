import {
  BatchWriteItemCommand,
  DynamoDBClient,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { chunks } from './contender.js';

export type RawItem = Record<string, AttributeValue>;

/**
 * A low-level client for DynamoDB Local with the same settings as lambdas/dynamodb-client.ts
 * (region, dummy credentials, 5 attempts), so no contender gets a differently tuned client.
 */
export const rawClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 5,
  });

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
