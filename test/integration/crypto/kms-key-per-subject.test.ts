import { KMSInvalidStateException } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KeyServiceBusyError, SubjectErasedError } from '../../../lambdas/crypto/index.js';
import { throttled } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem, sha256, KmsSubjectFile } from './support.js';

const file = new KmsSubjectFile(1);
const { fresh } = file;
const context = holderContext('acc-1');

describe('kms-key-per-subject', () => {
  it('creates a tagged key with its policy, a data key bound to the subject, then an opaque alias', async () => {
    const alice = newSubject();

    await fresh().encrypt(alice, 'Alice', context);

    expect(file.kms.commandNames()).toEqual([
      'CreateKeyCommand',
      'GenerateDataKeyCommand',
      'CreateAliasCommand',
    ]);
    const createKey = file.kms.inputOf(0);
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
    const keyArn = [...file.kms.keys.keys()][0];
    expect(file.kms.inputOf(1)).toEqual({
      KeyId: keyArn,
      KeySpec: 'AES_256',
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
    expect(file.kms.inputOf(2)).toEqual({
      AliasName: `alias/ledger-subject/${sha256(alice)}`,
      TargetKeyId: keyArn,
    });
    expect(JSON.stringify(file.kms.mock.calls().map((call) => call.args[0].input))).not.toContain(
      alice,
    );
    expect(await subjectKeyItem(file.tables, alice)).toMatchObject({
      status: 'active',
      keyRef: keyArn,
    });
  });

  it('unwraps in a new process with Decrypt pinned to the key and context, then caches', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...file.kms.keys.keys()][0];
    file.kms.mock.resetHistory();
    const reader = fresh();

    expect(await reader.decrypt(alice, envelope, context)).toBe('Alice');
    expect(await reader.decrypt(alice, envelope, context)).toBe('Alice');

    expect(file.kms.commandNames()).toEqual(['DecryptCommand']);
    expect(file.kms.inputOf(0)).toMatchObject({
      KeyId: keyArn,
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
  });

  it('erases by disabling the key and scheduling its deletion after 7 days', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...file.kms.keys.keys()][0];
    file.kms.mock.resetHistory();

    const result = await fresh().erase(alice);

    expect(result.erasedNow).toBe(true);
    expect(file.kms.commandNames()).toEqual(['DisableKeyCommand', 'ScheduleKeyDeletionCommand']);
    expect(file.kms.inputOf(0)).toEqual({ KeyId: keyArn });
    expect(file.kms.inputOf(1)).toEqual({ KeyId: keyArn, PendingWindowInDays: 7 });
    expect(file.kms.keys.get(keyArn!)).toBe('PendingDeletion');
    expect(await subjectKeyItem(file.tables, alice)).toMatchObject({
      status: 'erased',
      keyRef: keyArn,
    });
    expect(await subjectKeyItem(file.tables, alice)).not.toHaveProperty('wrappedKey');
    file.kms.mock.resetHistory();
    expect(await fresh().decrypt(alice, envelope, context)).toBeNull();
    await expect(fresh().encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
    expect(file.kms.commandNames()).toEqual([]);
  });

  it('finishes an erasure that KMS throttling interrupted when it is retried', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...file.kms.keys.keys()][0]!;
    file.kms.failNext('ScheduleKeyDeletion', throttled());

    const interrupted = fresh().erase(alice);

    await expect(interrupted).rejects.toBeInstanceOf(KeyServiceBusyError);
    expect(await subjectKeyItem(file.tables, alice)).not.toHaveProperty('wrappedKey');
    expect(await subjectKeyItem(file.tables, alice)).not.toHaveProperty('keyRetiredAt');
    const retried = await fresh().erase(alice);
    const item = await subjectKeyItem(file.tables, alice);
    const retiredAt = Date.parse(item?.['keyRetiredAt'] as string);
    // The key is deleted 7 days after ScheduleKeyDeletion, which the recorded retirement follows:
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
    expect(retried).toEqual({
      erasedNow: false,
      erasedAt: item?.['erasedAt'] as string,
      reachesBackupsBy: new Date(retiredAt + 7 * 86_400_000).toISOString(),
      backups: { strategy: 'kms-key-per-subject', reachedBy: 'kms-key-deletion' },
    });
    expect(file.kms.keys.get(keyArn)).toBe('PendingDeletion');
  });

  it('accepts a key that is already pending deletion', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const keyArn = [...file.kms.keys.keys()][0]!;
    file.kms.keys.set(keyArn, 'PendingDeletion');
    file.kms.mock.resetHistory();

    const result = await fresh().erase(alice);

    expect(result.erasedNow).toBe(true);
    expect(file.kms.commandNames()).toEqual([
      'DisableKeyCommand',
      'ScheduleKeyDeletionCommand',
      'DescribeKeyCommand',
    ]);
    expect(await subjectKeyItem(file.tables, alice)).toHaveProperty('keyRetiredAt');
  });

  it('does not call an erasure done when deletion fails for a key that is not pending deletion', async () => {
    const alice = newSubject();
    await fresh().encrypt(alice, 'Alice', context);
    const unavailable = new KMSInvalidStateException({ message: 'Unavailable', $metadata: {} });
    file.kms.failNext('ScheduleKeyDeletion', unavailable);

    await expect(fresh().erase(alice)).rejects.toMatchObject({
      name: 'KeyServiceError',
      operation: 'ScheduleKeyDeletion',
      cause: unavailable,
    });
    expect(await subjectKeyItem(file.tables, alice)).not.toHaveProperty('keyRetiredAt');
  });

  it('reports CreateKey throttling as retryable and stores nothing', async () => {
    const alice = newSubject();
    file.kms.failNext('CreateKey', throttled());
    const pd = fresh();

    await expect(pd.encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(KeyServiceBusyError);
    expect(await subjectKeyItem(file.tables, alice)).toBeUndefined();

    const envelope = await pd.encrypt(alice, 'Alice', context);
    expect(await pd.decrypt(alice, envelope, context)).toBe('Alice');
  });

  it('reports Decrypt throttling as retryable, without taking the subject for erased', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    file.kms.failNext('Decrypt', throttled());
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
    file.kms.hooks.beforeGenerate = async () => {
      file.kms.hooks.beforeGenerate = undefined;
      await fresh().erase(alice);
    };

    await expect(fresh().encrypt(alice, 'Alice', context)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );

    // The creating role may not retire keys; the sweeper finds this one unrecorded and retires it.
    expect([...file.kms.keys.values()]).toEqual(['Enabled']);
    expect(file.kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(await subjectKeyItem(file.tables, alice)).not.toHaveProperty('wrappedKey');
  });
});
