import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEpochRotation, createKeyStore } from '../../../lambdas/crypto/create-key-store.js';
import { createPersonalData } from '../../../lambdas/crypto/personal-data.js';
import { opaqueSubject } from '../../../lambdas/crypto/kms-support.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { fakeKms, throttled } from './fake-kms.js';
import { cryptoConfig, holderContext, newSubject, subjectKeyItem } from './support.js';

// kms-epoch against DynamoDB Local, with a model of KMS (fake-kms.ts). The exact calls follow:
// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html (a symmetric key)
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html and
// https://docs.aws.amazon.com/kms/latest/cryptographic-details/reencrypting-an-encrypted-object.html
//   ("reencrypts ... without exposing the plaintext of the key on the client side"; the source
//   encryption context must be the exact one used to encrypt)
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html (7 to 30 days)
let tables: TestTables;
let kms: ReturnType<typeof fakeKms>;
const config = () => cryptoConfig(tables, 'kms-epoch');
const deps = () => ({ documentClient: tables.client, kmsClient: kms.client });
const fresh = () => createPersonalData(createKeyStore(config(), deps()));
// The settling of a new key's tags has its own tests (kms-epoch-stack.test.ts); here: none.
const rotation = (timeLeftMs?: () => number) =>
  createEpochRotation(config(), deps(), { settleMs: 0, ...(timeLeftMs ? { timeLeftMs } : {}) });
const context = holderContext('acc-1');
const keyRefOf = async (subject: string): Promise<unknown> =>
  (await subjectKeyItem(tables, subject))?.['keyRef'];

// Each test starts from no epoch at all: its own tables and its own model of KMS.
beforeEach(async () => {
  tables = await createTestTables();
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

describe('kms-epoch', () => {
  it('rewraps live subjects with ReEncrypt, never the erased, then schedules the old key deletion', async () => {
    const [alice, bob, erased] = [newSubject(), newSubject(), newSubject()];
    const names = await Promise.all(
      [alice, bob, erased].map((subject) => fresh().encrypt(subject, 'Name', context)),
    );
    const old = (await rotation().current()).keyRef;
    await fresh().erase(erased);
    kms.mock.resetHistory();

    const summary = await rotation().run(true);

    const current = await rotation().current();
    const calls = kms.commandNames();
    expect(summary).toMatchObject({ epoch: 2, rotated: true, rewrapped: 2, destroyed: true });
    expect(calls[0]).toBe('CreateKeyCommand');
    expect(kms.inputOf(0)).toMatchObject({
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    expect(calls.slice(1, -1)).toEqual(['ReEncryptCommand', 'ReEncryptCommand']);
    const rewrapped = [1, 2].map((index) => kms.inputOf(index));
    for (const input of rewrapped) {
      expect(input).toMatchObject({ SourceKeyId: old, DestinationKeyId: current.keyRef });
      expect(input['SourceEncryptionContext']).toEqual(input['DestinationEncryptionContext']);
    }
    expect(rewrapped.map((input) => input['SourceEncryptionContext'])).not.toContainEqual({
      'ledger:subject': opaqueSubject(erased),
    });
    expect(calls.at(-1)).toBe('ScheduleKeyDeletionCommand');
    expect(kms.inputOf(calls.length - 1)).toEqual({ KeyId: old, PendingWindowInDays: 7 });
    expect([await keyRefOf(alice), await keyRefOf(bob)]).toEqual([current.keyRef, current.keyRef]);
    kms.deleteKey(old);
    expect(await fresh().decrypt(alice, names[0]!, context)).toBe('Name');
    expect(await fresh().decrypt(bob, names[1]!, context)).toBe('Name');
  });

  it('does nothing before the epoch is due', async () => {
    await fresh().encrypt(newSubject(), 'Name', context);
    kms.mock.resetHistory();

    const summary = await rotation().run();

    expect(summary).toMatchObject({ rotated: false, rewrapped: 0, destroyed: false });
    expect(kms.commandNames()).toEqual([]);
  });

  it('lets one of two rotations started together win; the other destroys the key it made', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Name', context);
    const before = await rotation().current();

    await Promise.all([rotation().run(true), rotation().run(true)]);

    const after = await rotation().current();
    expect(after.epoch).toBe(before.epoch + 1);
    expect(await keyRefOf(alice)).toBe(after.keyRef);
    expect(kms.keys.get(after.keyRef)).toBe('Enabled');
    expect(kms.keys.get(before.keyRef)).toBe('PendingDeletion');
    const enabled = [...kms.keys.entries()].filter(([, state]) => state === 'Enabled');
    expect(enabled.map(([arn]) => arn)).toEqual([after.keyRef]);
  });

  it('resumes a rotation that KMS throttling interrupted', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Name', context);
    kms.failNext('ReEncrypt', throttled());

    await expect(rotation().run(true)).rejects.toThrow();
    const resumed = await rotation().run();

    const current = await rotation().current();
    expect(resumed).toMatchObject({ rotated: false, rewrapped: 1, destroyed: true });
    expect(await keyRefOf(alice)).toBe(current.keyRef);
  });

  it('keeps a subject created while the epoch switches off the old key', async () => {
    const before = await rotation().current();
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const atGenerate = new Promise<void>((resolve) => (reached = resolve));
    kms.hooks.beforeGenerate = () => {
      kms.hooks.beforeGenerate = undefined;
      reached();
      return new Promise<void>((resolve) => (release = resolve));
    };
    const carol = newSubject();
    const creation = fresh().encrypt(carol, 'Carol', context);
    await atGenerate;
    // The switch happens; the run stops before its sweep (out of time), as a long one would.
    const switched = await rotation(() => 0).run(true);
    release();
    const envelope = await creation;
    const finished = await rotation().run();

    expect(switched).toMatchObject({ rotated: true, finished: false });
    expect(finished).toMatchObject({ destroyed: true });
    const current = await rotation().current();
    expect(await keyRefOf(carol)).toBe(current.keyRef);
    kms.deleteKey(before.keyRef);
    expect(await fresh().decrypt(carol, envelope, context)).toBe('Carol');
  });

  it('keeps a data key cached during a rotation usable, and the stored one after it', async () => {
    const dave = newSubject();
    const cached = fresh();
    const envelope = await cached.encrypt(dave, 'Dave', context);
    const old = (await rotation().current()).keyRef;

    await rotation().run(true);
    kms.deleteKey(old);

    expect(await cached.decrypt(dave, envelope, context)).toBe('Dave');
    expect(
      await fresh().decrypt(dave, await cached.encrypt(dave, 'Dave 2', context), context),
    ).toBe('Dave 2');
  });

  it('receipts an erasure as reaching backups when its epoch key is deleted', async () => {
    const erin = newSubject();
    await fresh().encrypt(erin, 'Erin', context);
    const current = await rotation().current();

    const result = await fresh().erase(erin);

    const rotatesAt = Date.parse(rotation().rotatesAt(current));
    expect(result.backups).toEqual({ strategy: 'kms-epoch', reachedBy: 'epoch-key-deletion' });
    // The next rotation, a day for its sweep, and the 7-day deletion window.
    expect(Date.parse(result.reachesBackupsBy)).toBe(rotatesAt + 8 * 86_400_000);
  });
});
