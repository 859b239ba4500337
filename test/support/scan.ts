import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { TestTables } from './dynamodb.js';

// Binary attributes are shown as base64, so a search for a canary's base64 form finds them too.
const serialise = (items: unknown): string =>
  JSON.stringify(items, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );

/** Every item of every table, serialised: what a person with read access to the tables could see. */
export const dumpAllTables = async (tables: TestTables): Promise<string> => {
  const dumps: string[] = [];
  for (const table of Object.values(tables.names)) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await tables.client.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }),
      );
      dumps.push(serialise(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return dumps.join('\n');
};

/** The forms a leaked canary could take: as is, lower-cased, and base64 of either. */
export const canaryForms = (canary: string): string[] => [
  canary,
  canary.toLowerCase(),
  Buffer.from(canary).toString('base64'),
  Buffer.from(canary.toLowerCase()).toString('base64'),
  Buffer.from(canary).toString('base64url'),
];
