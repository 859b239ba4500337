import { createHash } from 'node:crypto';
import { KMSInvalidStateException } from '@aws-sdk/client-kms';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createPersonalData,
  KeyServiceBusyError,
  SubjectErasedError,
} from '../../../lambdas/crypto/index.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { fakeKms, throttled } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem, subjectKeyStore } from './support.js';

let tables: TestTables;
let kms: ReturnType<typeof fakeKms>;
const keyStore = () => subjectKeyStore(tables, kms);
const fresh = () => createPersonalData(keyStore());
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const context = holderContext('acc-1');

beforeAll(async () => {
  tables = await createTestTables();
});
beforeEach(() => {
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

describe('kms-key-per-subject', () => {
  it('creates a tagged key with its policy, a data key bound to the subject, then an opaque alias', async () => {
    const alice = newSubject();

    await fresh().encrypt(alice, 'Alice', context);

    expect(kms.commandNames()).toEqual([
      'CreateKeyCommand',
      'GenerateDataKeyCommand',
      'CreateAliasCommand',
    ]);
    const createKey = kms.inputOf(0);
    expect(createKey).toMatchObject({
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Tags: [{ TagKey: 'ledger:purpose', TagValue: 'subject-data-key' }],
    });
    expect(JSON.parse(createKey['Policy'] as string)).toMatchObject({
      Statement: expect.arrayContaining([
        {
          Sid: 'ErasureIsFinal',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CancelKeyDeletion',
          Resource: '*',
        },
      ]) as unknown,
    });
    const keyArn = [...kms.keys.keys()][0];
    expect(kms.inputOf(1)).toEqual({
      KeyId: keyArn,
      KeySpec: 'AES_256',
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
    expect(kms.inputOf(2)).toEqual({
      AliasName: `alias/ledger-subject/${sha256(alice)}`,
      TargetKeyId: keyArn,
    });
    expect(JSON.stringify(kms.mock.calls().map((call) => call.args[0].input))).not.toContain(alice);
    expect(await subjectKeyItem(tables, alice)).toMatchObject({ status: 'active', keyRef: keyArn });
  });

  it('unwraps in a new process with Decrypt pinned to the key and context, then caches', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...kms.keys.keys()][0];
    kms.mock.resetHistory();
    const reader = fresh();

    expect(await reader.decrypt(alice, envelope, context)).toBe('Alice');
    expect(await reader.decrypt(alice, envelope, context)).toBe('Alice');

    expect(kms.commandNames()).toEqual(['DecryptCommand']);
    expect(kms.inputOf(0)).toMatchObject({
      KeyId: keyArn,
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
  });

  it('erases by disabling the key and scheduling its deletion after 7 days', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...kms.keys.keys()][0];
    kms.mock.resetHistory();

    const result = await fresh().erase(alice);

    expect(result.erasedNow).toBe(true);
    expect(kms.commandNames()).toEqual(['DisableKeyCommand', 'ScheduleKeyDeletionCommand']);
    expect(kms.inputOf(0)).toEqual({ KeyId: keyArn });
    expect(kms.inputOf(1)).toEqual({ KeyId: keyArn, PendingWindowInDays: 7 });
    expect(kms.keys.get(keyArn!)).toBe('PendingDeletion');
    expect(await subjectKeyItem(tables, alice)).toMatchObject({ status: 'erased', keyRef: keyArn });
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('wrappedKey');
    kms.mock.resetHistory();
    expect(await fresh().decrypt(alice, envelope, context)).toBeNull();
    await expect(fresh().encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
    expect(kms.commandNames()).toEqual([]);
  });

  it('finishes an erasure that KMS throttling interrupted when it is retried', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...kms.keys.keys()][0]!;
    kms.failNext('ScheduleKeyDeletion', throttled());

    const interrupted = fresh().erase(alice);

    await expect(interrupted).rejects.toBeInstanceOf(KeyServiceBusyError);
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('wrappedKey');
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('keyRetiredAt');
    const retried = await fresh().erase(alice);
    const item = await subjectKeyItem(tables, alice);
    const retiredAt = Date.parse(item?.['keyRetiredAt'] as string);
    // The key is deleted 7 days after ScheduleKeyDeletion, which the recorded retirement follows:
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
    expect(retried).toEqual({
      erasedNow: false,
      erasedAt: item?.['erasedAt'] as string,
      reachesBackupsBy: new Date(retiredAt + 7 * 86_400_000).toISOString(),
      backups: { strategy: 'kms-key-per-subject', reachedBy: 'kms-key-deletion' },
    });
    expect(kms.keys.get(keyArn)).toBe('PendingDeletion');
  });

  it('accepts a key that is already pending deletion', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...kms.keys.keys()][0]!;
    kms.keys.set(keyArn, 'PendingDeletion');
    kms.mock.resetHistory();

    const result = await fresh().erase(alice);

    expect(result.erasedNow).toBe(true);
    expect(kms.commandNames()).toEqual([
      'DisableKeyCommand',
      'ScheduleKeyDeletionCommand',
      'DescribeKeyCommand',
    ]);
    expect(await subjectKeyItem(tables, alice)).toHaveProperty('keyRetiredAt');
  });

  it('does not call an erasure done when deletion fails for a key that is not pending deletion', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const unavailable = new KMSInvalidStateException({ message: 'Unavailable', $metadata: {} });
    kms.failNext('ScheduleKeyDeletion', unavailable);

    await expect(fresh().erase(alice)).rejects.toMatchObject({
      name: 'KeyServiceError',
      operation: 'ScheduleKeyDeletion',
      cause: unavailable,
    });
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('keyRetiredAt');
  });

  it('reports CreateKey throttling as retryable and stores nothing', async () => {
    const alice = newSubject();
    kms.failNext('CreateKey', throttled());
    const pd = fresh();

    await expect(pd.encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(KeyServiceBusyError);
    expect(await subjectKeyItem(tables, alice)).toBeUndefined();

    const envelope = await pd.encrypt(alice, 'Alice', context);
    expect(await pd.decrypt(alice, envelope, context)).toBe('Alice');
  });

  it('reports Decrypt throttling as retryable, without taking the subject for erased', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    kms.failNext('Decrypt', throttled());
    const reader = fresh();

    await expect(reader.decrypt(alice, envelope, context)).rejects.toMatchObject({
      name: 'KeyServiceBusyError',
      retryable: true,
      operation: 'Decrypt',
    });
    expect(await reader.decrypt(alice, envelope, context)).toBe('Alice');
  });

  it('leaves its new key for the sweeper when an erasure wins the race to SubjectKeys', async () => {
    const alice = newSubject();
    kms.hooks.beforeGenerate = async () => {
      kms.hooks.beforeGenerate = undefined;
      await fresh().erase(alice);
    };

    await expect(fresh().encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );

    // The creating role may not retire keys; the sweeper finds this one unrecorded and retires it.
    expect([...kms.keys.values()]).toEqual(['Enabled']);
    expect(kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('wrappedKey');
  });
});
