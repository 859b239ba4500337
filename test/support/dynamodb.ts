import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import {
  bootstrapTables,
  type BootstrapOptions,
  type TableNames,
} from '../../local/bootstrap-tables.js';
import { createDocumentClient, createRawClient } from '../../lambdas/dynamodb-client.js';

export interface TestTables {
  readonly endpoint: string;
  readonly client: DynamoDBDocumentClient;
  readonly raw: DynamoDBClient;
  readonly names: TableNames;
  readonly prefix: string;
}

/**
 * Creates a fresh set of every table, under a unique prefix, in the run's DynamoDB Local; with
 * `{ streams: false }` for a file that seeds thousands of events and never reads the stream.
 */
export const createTestTables = async (options: BootstrapOptions = {}): Promise<TestTables> => {
  const endpoint = inject('dynamoEndpoint');
  const raw = createRawClient({ endpoint });
  const prefix = `t${randomUUID().slice(0, 8)}-`;
  const names = await bootstrapTables(raw, prefix, options);
  return { endpoint, client: createDocumentClient({ endpoint }), raw, names, prefix };
};
