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
import { describe, expect, it } from 'vitest';
import { KeyServiceError } from '../../../lambdas/crypto/index.js';
import { throttled } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem, KmsSubjectFile } from './support.js';

// How creating a subject key meets KMS failing (no AWS account is reachable from here):
// - CreateKey errors: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
//   (MalformedPolicyDocumentException, LimitExceededException, KMSInternalException and
//   DependencyTimeoutException among them)
// - Eventual consistency: https://docs.aws.amazon.com/kms/latest/developerguide/programming-eventual-consistency.html
//   (right after CreateKey, calls on the new key can fail with NotFoundException or
//   KMSInvalidStateException for seconds, in rare cases minutes)
// - Throttling: https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html
// - Quotas: https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
//   (100,000 customer managed keys per Region: LimitExceededException beyond)

const file = new KmsSubjectFile(5);
const { fresh } = file;
const $metadata = {};
const context = holderContext('acc-1');

describe('kms-key-per-subject: KMS failing while a subject key is created', () => {
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
      file.kms.failNext('GenerateDataKey', error());
      file.kms.failNext('GenerateDataKey', error());

      const envelope = await fresh().encrypt(alice, 'Alice', context);

      expect(file.kms.commandNames()).toEqual([
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
      file.kms.failNext(
        'GenerateDataKey',
        new NotFoundException({ message: 'No such key', $metadata }),
      );
    }

    const failure = await fresh()
      .encrypt(alice, 'Alice', context)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(KeyServiceError);
    expect(failure).toMatchObject({ operation: 'GenerateDataKey', retryAfterSeconds: 1 });
    expect(file.kms.commandNames().filter((name) => name === 'CreateKeyCommand')).toHaveLength(1);
    expect(
      file.kms.commandNames().filter((name) => name === 'GenerateDataKeyCommand'),
    ).toHaveLength(6);
    // The function role cannot retire keys (only erasure and the sweeper can): it does not try.
    expect(file.kms.commandNames()).not.toContain('DisableKeyCommand');
    expect(await subjectKeyItem(file.tables, alice)).toBeUndefined();
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
      file.kms.failNext('CreateKey', error());

      const failure = await fresh()
        .encrypt(alice, 'Alice', context)
        .catch((caught: unknown) => caught);

      expect(failure).toBeInstanceOf(KeyServiceError);
      expect(failure).toMatchObject({ operation: 'CreateKey', retryAfterSeconds });
      expect((failure as Error).cause).toMatchObject({ name });
      expect(file.kms.commandNames()).toEqual(['CreateKeyCommand']);
      expect(await subjectKeyItem(file.tables, alice)).toBeUndefined();
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
        file.kms.failNext('CreateAlias', error());
      }

      const envelope = await fresh().encrypt(alice, 'Alice', context);

      const keyArn = [...file.kms.keys.keys()][0];
      expect(await subjectKeyItem(file.tables, alice)).toMatchObject({
        status: 'active',
        keyRef: keyArn,
      });
      expect(await fresh().decrypt(alice, envelope, context)).toBe('Alice');
      expect([...file.kms.keys.values()]).toEqual(['Enabled']);
    },
  );
});
