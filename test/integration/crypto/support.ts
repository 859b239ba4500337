import { mkdtemp } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyStrategy } from '../../../lambdas/config.js';
import { loadConfig } from '../../../lambdas/config.js';
import {
  createKeyStore,
  createPersonalData,
  type CipherBinding,
} from '../../../lambdas/crypto/index.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { ACCOUNT, fakeKms } from './fake-kms.js';

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

const role = (name: string) => `arn:aws:iam::111122223333:role/Ledger-${name}Role-TEST`;

/** The function roles a per-subject key policy names, as the stack passes them in. */
export const keyUsers = {
  decrypt: [role('OpenAccount'), role('GetAccount'), role('ErasePersonalData')],
  encrypt: [role('OpenAccount')],
  retire: [role('ErasePersonalData'), role('SweepSubjectKeys')],
};

/** `kms-key-per-subject` pointed at the test's tables, with the stack's settings. */
export const kmsSubjectConfig = (tables: TestTables) => ({
  ...cryptoConfig(tables, 'kms-key-per-subject'),
  kmsKeyUsers: keyUsers,
});

/**
 * A `kms-key-per-subject` key store over the test's tables and a fake KMS, as the stack builds it,
 * pausing 1 ms before each of `retries` retries of a throttled KMS call.
 */
export const subjectKeyStore = (tables: TestTables, kms: ReturnType<typeof fakeKms>, retries = 1) =>
  createKeyStore(kmsSubjectConfig(tables), {
    documentClient: tables.client,
    kmsClient: kms.client,
    accountId: ACCOUNT,
    kmsRetryDelaysMs: Array.from({ length: retries }, () => 1),
  });

/** A fresh, opaque subject id. */
export const newSubject = (): string => `user-${randomUUID()}`;

/** The SubjectKeys item of a subject, read strongly consistent. */
export const subjectKeyItem = async (tables: TestTables, subjectId: string) =>
  (
    await tables.client.send(
      new GetCommand({
        TableName: tables.names.SubjectKeys,
        Key: { subjectId },
        ConsistentRead: true,
      }),
    )
  ).Item;

export const holderContext = (streamId: string, eventId = 'evt-1'): CipherBinding => ({
  streamId,
  eventId,
  type: 'AccountOpened',
  schema: 1,
  field: 'holderName',
});

export { dumpAllTables } from '../../support/scan.js';

/** The hex SHA-256 of a text (KMS aliases and tags name subjects by it). */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A `kms-key-per-subject` test file: its own tables (made once), a fresh model of KMS for each
 * test, and key stores over both that retry a throttled KMS call `retries` times. Made at the top
 * of a test file, it registers the hooks that make them.
 */
export class KmsSubjectFile {
  private madeTables: TestTables | undefined;
  private model: ReturnType<typeof fakeKms> | undefined;

  constructor(private readonly retries: number) {
    beforeAll(async () => {
      this.madeTables = await createTestTables();
    });
    beforeEach(() => {
      this.model = fakeKms();
    });
    afterEach(() => {
      this.kms.mock.restore();
    });
  }

  get tables(): TestTables {
    if (!this.madeTables) throw new Error('the tables are made in beforeAll');
    return this.madeTables;
  }

  get kms(): ReturnType<typeof fakeKms> {
    if (!this.model) throw new Error('the model of KMS is made in beforeEach');
    return this.model;
  }

  readonly keyStore = () => subjectKeyStore(this.tables, this.kms, this.retries);
  readonly fresh = () => createPersonalData(this.keyStore());
}
