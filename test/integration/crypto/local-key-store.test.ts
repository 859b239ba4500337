import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  createPersonalData,
  KeyStoreIntegrityError,
  SubjectErasedError,
  type KeyStore,
} from '../../../lambdas/crypto/index.js';
import { loadOrCreateMasterKey } from '../../../lambdas/crypto/master-key-file.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { cryptoConfig, holderContext, newSubject, subjectKeyItem, tempDir } from './support.js';

let tables: TestTables;
let masterKeyFile: string;
const keyStore = (file = masterKeyFile): KeyStore =>
  createKeyStore(cryptoConfig(tables, 'local', { localMasterKeyFile: file }), {
    documentClient: tables.client,
  });

beforeAll(async () => {
  tables = await createTestTables();
  masterKeyFile = join(await tempDir(), 'nested', 'master.key');
});

describe('local master key file', () => {
  it('is created on first need with mode 0600 holding 32 random bytes in base64', async () => {
    const file = join(await tempDir(), 'master.key');

    await keyStore(file).obtainDataKey(newSubject());

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
  });

  it('is the same key for every process that starts at once, and after a restart', async () => {
    const file = join(await tempDir(), 'master.key');

    const keys = await Promise.all([1, 2, 3, 4, 5].map(() => loadOrCreateMasterKey(file)));
    const again = await loadOrCreateMasterKey(file);

    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(again.equals(keys[0]!)).toBe(true);
  });

  it('is refused when group or others can read it', async () => {
    const file = join(await tempDir(), 'master.key');
    await writeFile(file, Buffer.alloc(32, 7).toString('base64'), { mode: 0o644 });

    await expect(loadOrCreateMasterKey(file)).rejects.toBeInstanceOf(KeyStoreIntegrityError);
  });
});

describe('local key store on DynamoDB Local', () => {
  it('decrypts after a restart (new process, empty cache) with the stored wrapped key', async () => {
    const alice = newSubject();
    const envelope = await createPersonalData(keyStore()).encrypt(
      alice,
      'Alice Liddell',
      holderContext('acc-1'),
    );

    const restarted = createPersonalData(keyStore());

    expect(await restarted.decrypt(alice, envelope, holderContext('acc-1'))).toBe('Alice Liddell');
  });

  it('stores only a wrapped key: the item never holds the data key itself', async () => {
    const alice = newSubject();
    const { key } = await keyStore().obtainDataKey(alice);

    const item = await subjectKeyItem(tables, alice);

    expect(item).toMatchObject({ subjectId: alice, status: 'active' });
    expect(item?.['keyRef']).toMatch(/^local:[0-9a-f]{16}$/);
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(key.toString('base64'));
    expect(stored).not.toContain(key.toString('hex'));
  });

  it('gives every concurrent first caller the one key that won the conditional put', async () => {
    const alice = newSubject();

    const keys = await Promise.all(
      Array.from({ length: 8 }, () => keyStore().obtainDataKey(alice)),
    );

    expect(new Set(keys.map((k) => `${k.keyId}:${k.key.toString('hex')}`)).size).toBe(1);
  });

  it('makes ciphertexts undecryptable after erasure, for every process, leaving others alone', async () => {
    const [alice, bob] = [newSubject(), newSubject()];
    const pd = createPersonalData(keyStore());
    const aliceName = await pd.encrypt(alice, 'Alice', holderContext('acc-a'));
    const bobName = await pd.encrypt(bob, 'Bob', holderContext('acc-b'));

    const erased = await pd.erase(alice);

    const elsewhere = createPersonalData(keyStore());
    expect(erased.erasedNow).toBe(true);
    expect(await pd.decrypt(alice, aliceName, holderContext('acc-a'))).toBeNull();
    expect(await elsewhere.decrypt(alice, aliceName, holderContext('acc-a'))).toBeNull();
    expect(await elsewhere.decrypt(bob, bobName, holderContext('acc-b'))).toBe('Bob');
    expect(await subjectKeyItem(tables, alice)).toEqual({
      subjectId: alice,
      status: 'erased',
      erasedAt: erased.erasedAt,
      keyRef: expect.stringMatching(/^local:/) as unknown,
      keyId: expect.any(String) as unknown,
      createdAt: expect.any(String) as unknown,
      keyRetiredAt: expect.any(String) as unknown,
    });
  });

  it('erases idempotently: a second call reports the first erasure', async () => {
    const alice = newSubject();
    const store = keyStore();
    await store.obtainDataKey(alice);

    const first = await store.erase(alice);
    const second = await store.erase(alice);

    expect(first.erasedNow).toBe(true);
    expect(second).toEqual({ ...first, erasedNow: false });
    expect(Date.parse(first.reachesBackupsBy) - Date.parse(first.erasedAt)).toBe(7 * 86_400_000);
  });

  it('never creates a key for a subject erased before it ever had one', async () => {
    const ghost = newSubject();
    const store = keyStore();

    await store.erase(ghost);

    await expect(store.obtainDataKey(ghost)).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await store.status(ghost)).toBe('erased');
    expect(await subjectKeyItem(tables, ghost)).not.toHaveProperty('wrappedKey');
  });

  it('rejects a wrapped key copied onto another subject', async () => {
    const [alice, mallory] = [newSubject(), newSubject()];
    await keyStore().obtainDataKey(alice);
    const stolen = await subjectKeyItem(tables, alice);
    await tables.client.send(
      new PutCommand({
        TableName: tables.names.SubjectKeys,
        Item: { ...stolen, subjectId: mallory },
      }),
    );

    await expect(keyStore().findDataKey(mallory)).rejects.toBeInstanceOf(KeyStoreIntegrityError);
  });

  it('rejects keys wrapped under another master key, naming no key material', async () => {
    const alice = newSubject();
    await keyStore().obtainDataKey(alice);
    const otherMaster = join(await tempDir(), 'other.key');

    const attempt = keyStore(otherMaster).findDataKey(alice);

    await expect(attempt).rejects.toThrow(/another master key/);
  });
});
