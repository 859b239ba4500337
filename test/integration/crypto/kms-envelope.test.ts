import { createHash } from 'node:crypto';
import { InvalidCiphertextException } from '@aws-sdk/client-kms';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  createPersonalData,
  KeyServiceBusyError,
} from '../../../lambdas/crypto/index.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { fakeKms, throttled } from './fake-kms.js';
import { cryptoConfig, holderContext, newSubject, subjectKeyItem } from './support.js';

let tables: TestTables;
let kms: ReturnType<typeof fakeKms>;
let envelopeKey: string;
const keyStore = () =>
  createKeyStore(cryptoConfig(tables, 'kms-envelope', { kmsEnvelopeKeyId: envelopeKey }), {
    documentClient: tables.client,
    kmsClient: kms.client,
  });
const fresh = () => createPersonalData(keyStore());
const context = holderContext('acc-1');

beforeAll(async () => {
  tables = await createTestTables();
});
beforeEach(() => {
  kms = fakeKms();
  envelopeKey = kms.createKey();
});
afterEach(() => {
  kms.mock.restore();
});

describe('kms-envelope', () => {
  it('generates each data key under the one envelope key, bound to the subject', async () => {
    const alice = newSubject();

    await fresh().encrypt(alice, 'Alice', context);

    expect(kms.commandNames()).toEqual(['GenerateDataKeyCommand']);
    expect(kms.inputOf(0)).toEqual({
      KeyId: envelopeKey,
      KeySpec: 'AES_256',
      EncryptionContext: { 'ledger:subject': createHash('sha256').update(alice).digest('hex') },
    });
    expect(await subjectKeyItem(tables, alice)).toMatchObject({
      status: 'active',
      keyRef: envelopeKey,
    });
  });

  it('unwraps with Decrypt in a new process', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    kms.mock.resetHistory();

    expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');

    expect(kms.commandNames()).toEqual(['DecryptCommand']);
    expect(kms.inputOf(0)).toMatchObject({ KeyId: envelopeKey });
  });

  it('erases by removing the wrapped key, never touching the shared KMS key', async () => {
    const [alice, bob] = [newSubject(), newSubject()];
    const aliceName = await fresh().encrypt(alice, 'Alice', context);
    const bobName = await fresh().encrypt(bob, 'Bob', context);
    kms.mock.resetHistory();

    const result = await fresh().erase(alice);

    expect(result.erasedNow).toBe(true);
    // The shared key lives on: backups of SubjectKeys age out of its 7-day recovery window.
    expect(result.backups).toEqual({ strategy: 'kms-envelope', reachedBy: 'end-of-pitr-window' });
    expect(Date.parse(result.reachesBackupsBy) - Date.parse(result.erasedAt)).toBe(7 * 86_400_000);
    expect(kms.commandNames()).toEqual([]);
    expect(kms.keys.get(envelopeKey)).toBe('Enabled');
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('wrappedKey');
    expect(await fresh().decrypt(alice, aliceName, context)).toBeNull();
    expect(await fresh().decrypt(bob, bobName, context)).toBe('Bob');
  });

  it('cannot unwrap a data key copied onto another subject (encryption context)', async () => {
    const [alice, mallory] = [newSubject(), newSubject()];
    await fresh().encrypt(alice, 'Alice', context);
    const stolen = await subjectKeyItem(tables, alice);
    await tables.client.send(
      new PutCommand({
        TableName: tables.names.SubjectKeys,
        Item: { ...stolen, subjectId: mallory },
      }),
    );

    await expect(keyStore().findDataKey(mallory)).rejects.toMatchObject({
      name: 'KeyStoreIntegrityError',
      cause: expect.any(InvalidCiphertextException) as unknown,
    });
  });

  it('reports GenerateDataKey throttling as retryable and stores nothing', async () => {
    const alice = newSubject();
    kms.failNext('GenerateDataKey', throttled());

    await expect(fresh().encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(
      KeyServiceBusyError,
    );
    expect(await subjectKeyItem(tables, alice)).toBeUndefined();
  });
});
