import { createHash } from 'node:crypto';
import {
  AlreadyExistsException,
  DependencyTimeoutException,
  KMSInternalException,
  KMSInvalidStateException,
  KMSServiceException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPersonalData, KeyServiceError } from '../../../lambdas/crypto/index.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { ACCOUNT, fakeKms, throttled } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem, keyUsers, subjectKeyStore } from './support.js';

// The KMS behaviour these tests hold the adapter to (no AWS account is reachable from here):
// - CreateKey: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
//   (a key policy must pass the lockout safety check unless BypassPolicyLockoutSafetyCheck is
//   set; its principals must exist and be visible to KMS; errors include
//   MalformedPolicyDocumentException, LimitExceededException, KMSInternalException and
//   DependencyTimeoutException)
// - Key policies: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
//   (a key policy alone can allow a principal; without it IAM policies have no effect)
// - Eventual consistency: https://docs.aws.amazon.com/kms/latest/developerguide/programming-eventual-consistency.html
//   (right after CreateKey, calls on the new key can fail with NotFoundException or
//   KMSInvalidStateException for seconds, in rare cases minutes)
// - ABAC: https://docs.aws.amazon.com/kms/latest/developerguide/abac.html (tag changes take up
//   to five minutes to affect authorisation, so a new key is not usable by tag at once)
// - Throttling: https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html
// - Quotas: https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
//   (100,000 customer managed keys per Region: LimitExceededException beyond)

let tables: TestTables;
let kms: ReturnType<typeof fakeKms>;
const $metadata = {};
const keyStore = () => subjectKeyStore(tables, kms, 5);
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

describe('kms-key-per-subject: creating a subject key', () => {
  it('bypasses the lockout safety check and names the function roles in the key policy', async () => {
    await fresh().encrypt(newSubject(), 'Alice', context);

    const createKey = kms.inputOf(0);
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
    kms.hooks.beforeAlias = async () => {
      recordedBeforeAlias = await subjectKeyItem(tables, alice);
    };

    await fresh().encrypt(alice, 'Alice', context);

    const keyArn = [...kms.keys.keys()][0];
    expect(kms.commandNames()).toEqual([
      'CreateKeyCommand',
      'GenerateDataKeyCommand',
      'CreateAliasCommand',
    ]);
    expect(kms.inputOf(1)).toEqual({
      KeyId: keyArn,
      KeySpec: 'AES_256',
      EncryptionContext: { 'ledger:subject': sha256(alice) },
    });
    expect(kms.inputOf(2)).toEqual({
      AliasName: `alias/ledger-subject/${sha256(alice)}`,
      TargetKeyId: keyArn,
    });
    expect(recordedBeforeAlias).toMatchObject({ status: 'active', keyRef: keyArn });
  });

  it.each([
    ['NotFoundException', () => new NotFoundException({ message: 'No such key', $metadata })],
    [
      'KMSInvalidStateException',
      () => new KMSInvalidStateException({ message: 'Pending', $metadata }),
    ],
  ])(
    'retries GenerateDataKey while the new key answers %s (eventual consistency)',
    async (_, error) => {
      const alice = newSubject();
      kms.failNext('GenerateDataKey', error());
      kms.failNext('GenerateDataKey', error());

      const envelope = await fresh().encrypt(alice, 'Alice', context);

      expect(kms.commandNames()).toEqual([
        'CreateKeyCommand',
        'GenerateDataKeyCommand',
        'GenerateDataKeyCommand',
        'GenerateDataKeyCommand',
        'CreateAliasCommand',
      ]);
      expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
    },
  );

  it('answers a retryable key-service error once NotFound outlasts the retries, stores nothing and mints no second key', async () => {
    const alice = newSubject();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      kms.failNext('GenerateDataKey', new NotFoundException({ message: 'No such key', $metadata }));
    }

    const failure = await fresh()
      .encrypt(alice, 'Alice', context)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(KeyServiceError);
    expect(failure).toMatchObject({ operation: 'GenerateDataKey', retryAfterSeconds: 1 });
    expect(kms.commandNames().filter((name) => name === 'CreateKeyCommand')).toHaveLength(1);
    expect(kms.commandNames().filter((name) => name === 'GenerateDataKeyCommand')).toHaveLength(6);
    // The function role cannot retire keys (only erasure and the sweeper can): it does not try.
    expect(kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(await subjectKeyItem(tables, alice)).toBeUndefined();
  });

  const createKeyFailures = [
    [
      'MalformedPolicyDocumentException',
      () => new MalformedPolicyDocumentException({ message: 'Invalid principal', $metadata }),
      30,
    ],
    [
      'LimitExceededException',
      () => new LimitExceededException({ message: 'Key quota', $metadata }),
      30,
    ],
    [
      'AccessDeniedException',
      () =>
        new KMSServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata,
          message: 'Denied',
        }),
      30,
    ],
    ['KMSInternalException', () => new KMSInternalException({ message: 'Internal', $metadata }), 1],
    [
      'DependencyTimeoutException',
      () => new DependencyTimeoutException({ message: 'Timeout', $metadata }),
      1,
    ],
    ['ThrottlingException', throttled, 1],
  ] as const;

  it.each(createKeyFailures)(
    'turns CreateKey %s into a key-service error (503, never 500) and stores nothing',
    async (name, error, retryAfterSeconds) => {
      const alice = newSubject();
      kms.failNext('CreateKey', error());

      const failure = await fresh()
        .encrypt(alice, 'Alice', context)
        .catch((caught: unknown) => caught);

      expect(failure).toBeInstanceOf(KeyServiceError);
      expect(failure).toMatchObject({ operation: 'CreateKey', retryAfterSeconds });
      expect((failure as Error).cause).toMatchObject({ name });
      expect(kms.commandNames()).toEqual(['CreateKeyCommand']);
      expect(await subjectKeyItem(tables, alice)).toBeUndefined();
    },
  );

  it.each([
    [
      'AlreadyExistsException',
      () => new AlreadyExistsException({ message: 'Alias exists', $metadata }),
    ],
    ['NotFoundException', () => new NotFoundException({ message: 'No such key', $metadata })],
    ['LimitExceededException', () => new LimitExceededException({ message: 'Aliases', $metadata })],
    ['ThrottlingException', throttled],
  ])(
    'keeps the recorded key when CreateAlias fails with %s (the alias is only a label)',
    async (_, error) => {
      const alice = newSubject();
      for (let attempt = 0; attempt < 6; attempt += 1) {
        kms.failNext('CreateAlias', error());
      }

      const envelope = await fresh().encrypt(alice, 'Alice', context);

      const keyArn = [...kms.keys.keys()][0];
      expect(await subjectKeyItem(tables, alice)).toMatchObject({
        status: 'active',
        keyRef: keyArn,
      });
      expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
      expect([...kms.keys.values()]).toEqual(['Enabled']);
    },
  );

  it('retries Decrypt of a key created a moment ago by another function', async () => {
    const alice = newSubject();
    const envelope = await fresh().encrypt(alice, 'Alice', context);
    kms.failNext('Decrypt', new NotFoundException({ message: 'No such key', $metadata }));

    expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
  });

  it('leaves the key of a writer that lost the race to SubjectKeys for the sweeper, using the winner’s', async () => {
    const alice = newSubject();

    const envelopes = await Promise.all(
      [1, 2, 3].map(() => fresh().encrypt(alice, 'Alice', context)),
    );

    expect(new Set(envelopes.map((envelope) => envelope.kid)).size).toBe(1);
    expect(kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(kms.commandNames()).not.toContain('ScheduleKeyDeletionCommand');
    const recorded = (await subjectKeyItem(tables, alice))?.['keyRef'] as string;
    expect(kms.keys.get(recorded)).toBe('Enabled');
    for (const envelope of envelopes) {
      expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
    }
  });
});
