import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyStrategy } from '../../../lambdas/config.js';
import { loadConfig } from '../../../lambdas/config.js';
import type { FieldContext } from '../../../lambdas/crypto/index.js';
import type { TestTables } from '../../support/dynamodb.js';

/** A fresh directory for a master key file. */
export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'ledger-crypto-'));

/** The configuration a key store reads, pointed at the test's tables. */
export const cryptoConfig = (
  tables: TestTables,
  keyStrategy: KeyStrategy,
  overrides: { localMasterKeyFile?: string; kmsEnvelopeKeyId?: string } = {},
) => ({
  ...loadConfig({}),
  tables: tables.names,
  keyStrategy,
  ...overrides,
});

/** Every item of every test table, as one JSON text (to search for what must never be stored). */
export const dumpAllTables = async (tables: TestTables): Promise<string> => {
  const items: unknown[] = [];
  for (const name of Object.values(tables.names)) {
    const { Items = [] } = await tables.client.send(new ScanCommand({ TableName: name }));
    items.push(...Items);
  }
  return JSON.stringify(items, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );
};

export const holderContext = (streamId: string, eventId = 'evt-1'): FieldContext => ({
  streamId,
  eventId,
  type: 'AccountOpened',
  schema: 1,
  field: 'holderName',
});
