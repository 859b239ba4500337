import type { Context } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sweepSubjectKeysHandler } from '../../../lambdas/handlers/sweep-subject-keys.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ACCOUNT, fakeKms } from './fake-kms.js';
import { keyUsers } from './support.js';

// The scheduled SweepSubjectKeys function over its real dependencies (DynamoDB Local, KMS mocked:
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html and
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html).

const perSubject = {
  KEY_STRATEGY: 'kms-key-per-subject',
  AWS_REGION: 'eu-west-1',
  AWS_ACCOUNT_ID: ACCOUNT,
  KMS_TAG_VALUE: 'subject-data-key/Ledger',
  KMS_DECRYPT_ROLE_ARNS: keyUsers.decrypt.join(','),
  KMS_ENCRYPT_ROLE_ARNS: keyUsers.encrypt.join(','),
  KMS_RETIRE_ROLE_ARNS: keyUsers.retire.join(','),
};
const context = { getRemainingTimeInMillis: () => 900_000 } as Context;
let app: TestApp;
let kms: ReturnType<typeof fakeKms>;

beforeAll(async () => {
  app = await createTestApp(perSubject);
});
beforeEach(() => {
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

describe('SweepSubjectKeys', () => {
  it('retires an hour-old key of this stack that no subject uses and reports it', async () => {
    const tag = { TagKey: 'ledger:purpose', TagValue: 'subject-data-key/Ledger' };
    const orphan = kms.createKey([tag], new Date(Date.now() - 2 * 60 * 60 * 1000));

    const report = await sweepSubjectKeysHandler(app.deps)({}, context);

    expect(report).toEqual({ keysListed: 1, keysInUse: 0, retired: [orphan], complete: true });
    expect(kms.keys.get(orphan)).toBe('PendingDeletion');
  });

  it('refuses to run under another key strategy', async () => {
    const local = await createTestApp();

    await expect(sweepSubjectKeysHandler(local.deps)({}, context)).rejects.toThrow(
      'kms-key-per-subject',
    );
    expect(kms.commandNames()).toEqual([]);
  });
});
