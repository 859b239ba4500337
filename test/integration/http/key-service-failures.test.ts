import {
  LimitExceededException,
  MalformedPolicyDocumentException,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { dumpAllTables } from '../../support/scan.js';
import { ACCOUNT, fakeKms, throttled } from '../crypto/fake-kms.js';
import { keyUsers } from '../crypto/support.js';

// What KMS answers and when: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
// (errors), https://docs.aws.amazon.com/kms/latest/developerguide/programming-eventual-consistency.html
// (NotFoundException right after CreateKey) and
// https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html. None of them is the
// client's fault: each is a 503 with Retry-After, never a 500.

let app: TestApp;
let kms: ReturnType<typeof fakeKms>;
const $metadata = {};

beforeAll(async () => {
  app = await createTestApp({
    KEY_STRATEGY: 'kms-key-per-subject',
    AWS_REGION: 'eu-west-1',
    AWS_ACCOUNT_ID: ACCOUNT,
    KMS_DECRYPT_ROLE_ARNS: keyUsers.decrypt.join(','),
    KMS_ENCRYPT_ROLE_ARNS: keyUsers.encrypt.join(','),
    KMS_RETIRE_ROLE_ARNS: keyUsers.retire.join(','),
  });
});
beforeEach(() => {
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

const openAccount = (sub: string) =>
  send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 100 },
  });

describe('a first account while KMS fails', () => {
  it.each([
    [
      'LimitExceededException',
      '30',
      () => new LimitExceededException({ message: 'Quota', $metadata }),
    ],
    [
      'MalformedPolicyDocumentException',
      '30',
      () => new MalformedPolicyDocumentException({ message: 'Invalid principal', $metadata }),
    ],
    ['ThrottlingException', '1', throttled],
  ])(
    'answers CreateKey %s with 503 and Retry-After %s, writing nothing',
    async (_, retryAfter, error) => {
      const sub = `user-kms-${retryAfter}-${String(Math.random()).slice(2)}`;
      kms.failNext('CreateKey', error());
      const before = await dumpAllTables(app.tables);

      const response = await openAccount(sub);

      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.headers['retry-after']).toBe(retryAfter);
      expect(response.body).toMatchObject({ code: 'service-unavailable' });
      expect(JSON.stringify(response.body)).not.toContain('Quota');
      expect(await dumpAllTables(app.tables)).toBe(before);
    },
  );

  it('opens the account once a new key becomes visible, within the retries', async () => {
    kms.failNext('GenerateDataKey', new NotFoundException({ message: 'No such key', $metadata }));

    const response = await openAccount('user-kms-settling');

    expect(response.status).toBe(201);
  });
});
