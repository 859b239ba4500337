import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPersonalData,
  KeyStoreIntegrityError,
  sweepOrphanKeys,
} from '../../../lambdas/crypto/index.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { fakeKms } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem, subjectKeyStore } from './support.js';

// The KMS calls of a sweep, and what they answer:
// - ListKeys: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html (every key of
//   the account and Region, up to 1000 a page, Truncated/NextMarker; kms:ListKeys in IAM)
// - DescribeKey: https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
//   (KeyState, KeyManager, CreationDate; AccessDeniedException on a key whose policy does not
//   name the caller: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)
// - ListResourceTags: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
// - DisableKey / ScheduleKeyDeletion: https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
//   (PendingWindowInDays 7 to 30; KMSInvalidStateException for a key already pending deletion)

const tag = { TagKey: 'ledger:purpose', TagValue: 'subject-data-key' };
const hours = (n: number) => n * 60 * 60 * 1000;
let tables: TestTables;
let kms: ReturnType<typeof fakeKms>;
const keyStore = () => subjectKeyStore(tables, kms);
const sweep = (options: { signal?: AbortSignal; scanPageSize?: number } = {}) =>
  sweepOrphanKeys({
    kms: kms.client,
    documentClient: tables.client,
    subjectKeysTable: tables.names.SubjectKeys,
    tagKey: tag.TagKey,
    tagValue: tag.TagValue,
    ...options,
  });
const longAgo = () => new Date(Date.now() - hours(2));

beforeEach(async () => {
  tables = await createTestTables();
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

describe('the orphan-key sweeper', () => {
  it('retires the losers of a first-use race and keeps the winner’s key, which still decrypts', async () => {
    const alice = newSubject();
    const envelopes = await Promise.all(
      [1, 2, 3].map(() =>
        createPersonalData(keyStore()).encrypt(alice, 'Alice', holderContext('acc-1')),
      ),
    );
    const winner = (await subjectKeyItem(tables, alice))?.['keyRef'] as string;
    for (const [arn, { tags }] of kms.created) {
      kms.created.set(arn, { at: longAgo(), tags });
    }

    const report = await sweep();

    expect([...kms.keys.entries()].filter(([, state]) => state === 'Enabled')).toEqual([
      [winner, 'Enabled'],
    ]);
    expect(report).toMatchObject({ keysListed: 3, keysInUse: 1, complete: true });
    expect(report.retired).toHaveLength(2);
    expect(report.retired).not.toContain(winner);
    const reader = createPersonalData(keyStore());
    expect(await reader.decrypt(alice, envelopes[0]!, holderContext('acc-1'))).toBe('Alice');
  });

  it('sends exactly ListKeys, DescribeKey, ListResourceTags, DisableKey and ScheduleKeyDeletion', async () => {
    const orphan = kms.createKey([tag], longAgo());

    await sweep();

    expect(kms.commandNames()).toEqual([
      'ListKeysCommand',
      'DescribeKeyCommand',
      'ListResourceTagsCommand',
      'DisableKeyCommand',
      'ScheduleKeyDeletionCommand',
    ]);
    expect(kms.inputOf(0)).toEqual({ Limit: 1000, Marker: undefined });
    expect(kms.inputOf(1)).toEqual({ KeyId: orphan });
    expect(kms.inputOf(2)).toEqual({ KeyId: orphan });
    expect(kms.inputOf(3)).toEqual({ KeyId: orphan });
    expect(kms.inputOf(4)).toEqual({ KeyId: orphan, PendingWindowInDays: 7 });
    expect(kms.keys.get(orphan)).toBe('PendingDeletion');
  });

  it('leaves young keys, keys of other stacks, foreign keys and keys pending deletion alone', async () => {
    const young = kms.createKey([tag]);
    const otherStack = kms.createKey([{ ...tag, TagValue: 'subject-data-key/Other' }], longAgo());
    const untagged = kms.createKey([], longAgo());
    const foreign = kms.createKey([tag], longAgo());
    kms.foreign.add(foreign);
    const pending = kms.createKey([tag], longAgo());
    kms.keys.set(pending, 'PendingDeletion');

    const report = await sweep();

    expect(report.retired).toEqual([]);
    expect(kms.keys.get(young)).toBe('Enabled');
    expect(kms.keys.get(otherStack)).toBe('Enabled');
    expect(kms.keys.get(untagged)).toBe('Enabled');
    expect(kms.keys.get(foreign)).toBe('Enabled');
    expect(kms.commandNames()).not.toContain('DisableKeyCommand');
  });

  it('finishes retiring the key of an erasure that stopped after marking the subject', async () => {
    const alice = newSubject();
    await createPersonalData(keyStore()).encrypt(alice, 'Alice', holderContext('acc-1'));
    const keyArn = (await subjectKeyItem(tables, alice))?.['keyRef'] as string;
    kms.created.set(keyArn, { at: longAgo(), tags: [tag] });
    kms.failNext('DisableKey', new Error('Lambda timed out'));
    await expect(keyStore().erase(alice)).rejects.toThrow();
    expect(kms.keys.get(keyArn)).toBe('Enabled');

    await sweep();

    expect(kms.keys.get(keyArn)).toBe('PendingDeletion');
  });

  it('reads every page of SubjectKeys and of ListKeys before it judges a key', async () => {
    const inUse = Array.from({ length: 25 }, () => kms.createKey([tag], longAgo()));
    await Promise.all(
      inUse.map((keyRef) =>
        tables.client.send(
          new PutCommand({
            TableName: tables.names.SubjectKeys,
            Item: {
              subjectId: newSubject(),
              status: 'active',
              keyRef,
              keyId: 'k',
              wrappedKey: 'w',
              createdAt: 'x',
            },
          }),
        ),
      ),
    );
    // More than one ListKeys page (1000 keys); young keys are listed, described and left alone.
    for (let n = 0; n < 1000; n += 1) {
      kms.createKey([tag]);
    }
    const orphan = kms.createKey([tag], longAgo());

    const report = await sweep({ scanPageSize: 10 });

    expect(report).toMatchObject({ keysListed: 1026, keysInUse: 25, retired: [orphan] });
    expect(kms.commandNames().filter((name) => name === 'ListKeysCommand')).toHaveLength(2);
    expect(kms.inputOf(kms.commandNames().lastIndexOf('ListKeysCommand'))).toEqual({
      Limit: 1000,
      Marker: '1000',
    });
  });

  it('refuses to sweep when an in-use record names something that is not a key ARN', async () => {
    kms.createKey([tag], longAgo());
    await tables.client.send(
      new PutCommand({
        TableName: tables.names.SubjectKeys,
        Item: {
          subjectId: newSubject(),
          status: 'active',
          keyRef: 'alias/x',
          keyId: 'k',
          wrappedKey: 'w',
          createdAt: 'x',
        },
      }),
    );

    await expect(sweep()).rejects.toBeInstanceOf(KeyStoreIntegrityError);
    expect(kms.commandNames()).toEqual([]);
  });

  it('stops before listing more keys once its time is up, reporting an incomplete sweep', async () => {
    kms.createKey([tag], longAgo());

    const report = await sweep({ signal: AbortSignal.abort() });

    expect(report).toEqual({ keysListed: 0, keysInUse: 0, retired: [], complete: false });
    expect([...kms.keys.values()]).toEqual(['Enabled']);
  });
});
