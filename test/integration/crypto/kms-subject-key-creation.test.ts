import { NotFoundException } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ACCOUNT } from './fake-kms.js';
import {
  holderContext,
  newSubject,
  subjectKeyItem,
  keyUsers,
  sha256,
  KmsSubjectFile,
} from './support.js';

// The KMS behaviour these tests hold the adapter to (no AWS account is reachable from here):
// - CreateKey: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
//   (a key policy must pass the lockout safety check unless BypassPolicyLockoutSafetyCheck is
//   set; its principals must exist and be visible to KMS)
// - Key policies: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
//   (a key policy alone can allow a principal; without it IAM policies have no effect)
// - Eventual consistency: https://docs.aws.amazon.com/kms/latest/developerguide/programming-eventual-consistency.html
//   (right after CreateKey, calls on the new key can fail with NotFoundException or
//   KMSInvalidStateException for seconds, in rare cases minutes)
// - ABAC: https://docs.aws.amazon.com/kms/latest/developerguide/abac.html (tag changes take up
//   to five minutes to affect authorisation, so a new key is not usable by tag at once)
// KMS failures while a key is created: kms-subject-key-failures.test.ts.

const file = new KmsSubjectFile(5);
const { fresh } = file;
const $metadata = {};
const context = holderContext('acc-1');

describe('kms-key-per-subject: creating a subject key', () => {
  it('bypasses the lockout safety check and names the function roles in the key policy', async () => {
    await fresh().encrypt(newSubject(), 'Alice', context);

    const createKey = file.kms.inputOf(0);
    expect(createKey).toMatchObject({ BypassPolicyLockoutSafetyCheck: true });
    const everyRole = [...new Set([...keyUsers.decrypt, ...keyUsers.encrypt, ...keyUsers.retire])];
    expect(JSON.parse(createKey['Policy'] as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnableIamPolicies',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'FunctionsUnwrapDataKeys',
          Effect: 'Allow',
          Principal: { AWS: keyUsers.decrypt },
          Action: ['kms:Decrypt'],
          Resource: '*',
        },
        {
          Sid: 'FunctionsCreateDataKeys',
          Effect: 'Allow',
          Principal: { AWS: keyUsers.encrypt },
          Action: ['kms:GenerateDataKey', 'kms:CreateAlias'],
          Resource: '*',
        },
        {
          Sid: 'FunctionsRetireKey',
          Effect: 'Allow',
          Principal: { AWS: keyUsers.retire },
          Action: [
            'kms:DisableKey',
            'kms:ScheduleKeyDeletion',
            'kms:DescribeKey',
            'kms:ListResourceTags',
          ],
          Resource: '*',
        },
        {
          Sid: 'ErasureIsFinal',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CancelKeyDeletion',
          Resource: '*',
        },
        {
          Sid: 'FunctionsCannotChangeThisPolicy',
          Effect: 'Deny',
          Principal: { AWS: everyRole },
          Action: 'kms:PutKeyPolicy',
          Resource: '*',
        },
      ],
    });
  });

  it('generates the data key on the new key ARN, records it, and only then aliases it', async () => {
    const alice = newSubject();
    let recordedBeforeAlias: unknown;
    file.kms.hooks.beforeAlias = async () => {
      recordedBeforeAlias = await subjectKeyItem(file.tables, alice);
    };

    await fresh().encrypt(alice, 'Alice', context);

    const keyArn = [...file.kms.keys.keys()][0];
    expect(file.kms.commandNames()).toEqual([
      'CreateKeyCommand',
      'GenerateDataKeyCommand',
      'CreateAliasCommand',
    ]);
    expect(file.kms.inputOf(1)).toEqual({
      KeyId: keyArn,
      KeySpec: 'AES_256',
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
    expect(file.kms.inputOf(2)).toEqual({
      AliasName: `alias/ledger-subject/${sha256(alice)}`,
      TargetKeyId: keyArn,
    });
    expect(recordedBeforeAlias).toMatchObject({ status: 'active', keyRef: keyArn });
  });

  it('retries Decrypt of a key created a moment ago by another function', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    file.kms.failNext('Decrypt', new NotFoundException({ message: 'No such key', $metadata }));

    expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
  });

  it('leaves the key of a writer that lost the race to SubjectKeys for the sweeper, using the winner’s', async () => {
    const alice = newSubject();

    const envelopes = await Promise.all(
      [1, 2, 3].map(() => fresh().encrypt(alice, 'Alice', context)),
    );

    expect(new Set(envelopes.map((envelope) => envelope.kid)).size).toBe(1);
    expect(file.kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(file.kms.commandNames()).not.toContain('ScheduleKeyDeletionCommand');
    const recorded = (await subjectKeyItem(file.tables, alice))?.['keyRef'] as string;
    expect(file.kms.keys.get(recorded)).toBe('Enabled');
    for (const envelope of envelopes) {
      expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
    }
  });
});
