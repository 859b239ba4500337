import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableSpecs } from '../lib/table-specs.js';
import { newAccountId, type Contender } from './contenders/contender.js';
import { createStreamlessTable } from './contenders/dynamodb.js';
import { runPool } from './harness.js';

/**
 * DynamoDB Local's JVM keeps getting faster for its first 5,000-7,000 requests (JIT). Raw puts on a
 * throwaway table take it past that point before anything is measured.
 */
export const warmDynamoDbLocal = async (
  client: DynamoDBClient,
  table: string,
  puts: number,
): Promise<void> => {
  await createStreamlessTable(client, tableSpecs.Events, table);
  const accounts = Array.from({ length: 100 }, newAccountId);
  await runPool(puts, 8, (index) =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          accountId: { S: accounts[index % accounts.length] ?? '' },
          version: { N: String(index) },
          payload: { S: 'x'.repeat(200) },
        },
      }),
    ),
  );
};

/** Gives each contender's own code path (SDK middleware, marshalling, JIT) a few rounds first. */
export const warmContenders = async (
  contenders: readonly Contender[],
  appends: number,
): Promise<void> => {
  for (const contender of contenders) {
    const accountId = newAccountId();
    for (let version = 0; version < appends; version += 1) {
      await contender.append(accountId, version);
    }
    await contender.load(accountId);
    await contender.command?.(accountId);
  }
};
