import { join } from 'node:path';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEpochRotation, createKeyStore } from '../../../lambdas/crypto/create-key-store.js';
import { KeyStoreIntegrityError } from '../../../lambdas/crypto/errors.js';
import { createPersonalData } from '../../../lambdas/crypto/personal-data.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { cryptoConfig, holderContext, newSubject, tempDir } from './support.js';

// Issue 13, proven end to end locally (`local` with epochs): copy SubjectKeys (a "backup"), erase
// a subject, rotate, destroy the old epoch's master key. The backup no longer yields the erased
// subject's data key, while every live subject still reads and writes.
let live: TestTables;
let keyDir: string;
const config = (tables: TestTables) => ({
  ...cryptoConfig(tables, 'local', { localMasterKeyFile: join(keyDir, 'master.key') }),
  localKeyEpochs: true,
});
const personalData = (tables: TestTables) =>
  createPersonalData(createKeyStore(config(tables), { documentClient: tables.client }));
const context = holderContext('acc-1');

const backupOf = async (tables: TestTables) =>
  (await tables.client.send(new ScanCommand({ TableName: tables.names.SubjectKeys }))).Items ?? [];

/** Restores a backup into a fresh set of tables, as a PITR restore creates a new table. */
const restore = async (items: readonly Record<string, unknown>[]) => {
  const restored = await createTestTables();
  for (const item of items) {
    await restored.client.send(
      new PutCommand({ TableName: restored.names.SubjectKeys, Item: item }),
    );
  }
  return restored;
};

beforeEach(async () => {
  live = await createTestTables();
  keyDir = await tempDir();
});

describe('erasure reaches backups once the old epoch key is destroyed', () => {
  it('a backup taken before the erasure yields the erased key until the rotation', async () => {
    const bob = newSubject();
    const envelope = await personalData(live).encrypt(bob, 'Bob Backup', context);
    const backup = await backupOf(live);
    await personalData(live).erase(bob);

    const restored = await restore(backup);

    // The control: without a rotation, the backup still reveals the erased subject.
    expect(await personalData(restored).decrypt(bob, envelope, context)).toBe('Bob Backup');
  });

  it('after rotation and destruction the backup yields nothing, and live subjects still work', async () => {
    const [alice, bob] = [newSubject(), newSubject()];
    const aliceName = await personalData(live).encrypt(alice, 'Alice Live', context);
    const bobName = await personalData(live).encrypt(bob, 'Bob Backup', context);
    const backup = await backupOf(live);
    await personalData(live).erase(bob);

    const summary = await createEpochRotation(config(live), { documentClient: live.client }).run(
      true,
    );
    const restored = await restore(backup);

    expect(summary).toMatchObject({ epoch: 2, rewrapped: 1, destroyed: true });
    await expect(personalData(restored).decrypt(bob, bobName, context)).rejects.toBeInstanceOf(
      KeyStoreIntegrityError,
    );
    expect(await personalData(live).decrypt(bob, bobName, context)).toBeNull();
    expect(await personalData(live).decrypt(alice, aliceName, context)).toBe('Alice Live');
    const written = await personalData(live).encrypt(alice, 'Alice Again', context);
    expect(await personalData(live).decrypt(alice, written, context)).toBe('Alice Again');
  });
});
