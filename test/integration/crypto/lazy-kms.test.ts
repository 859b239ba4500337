import { DependencyTimeoutException, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyKms } from '../../../lambdas/crypto/kms-client.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { fakeKms } from './fake-kms.js';

// The functions import @aws-sdk/client-kms only when they make a KMS call (ADR 0175); the
// client they get that way is the SDK's own, so the KMS mock and the error mapping see the same
// classes. DependencyTimeoutException is a retryable server error of GenerateDataKey:
// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html#API_GenerateDataKey_Errors

let kms: ReturnType<typeof fakeKms>;
const $metadata = {};

beforeEach(() => {
  kms = fakeKms();
});
afterEach(() => {
  kms.mock.restore();
});

describe('lazyKms', () => {
  it('builds one client of the SDK on the first call and answers the same one after', async () => {
    const kmsOf = lazyKms({ region: 'eu-west-1' });

    const [first, second] = await Promise.all([kmsOf(), kmsOf()]);
    const third = await kmsOf();

    expect(first.client).toBeInstanceOf(KMSClient);
    expect(first.sdk.KMSClient).toBe(KMSClient);
    expect(second.client).toBe(first.client);
    expect(third.client).toBe(first.client);
    expect(await first.client.config.region()).toBe('eu-west-1');
  });
});

describe('OpenAccount under kms-envelope, through the lazily loaded client', () => {
  let app: TestApp;
  const envelopeApp = () =>
    createTestApp({
      KEY_STRATEGY: 'kms-envelope',
      AWS_REGION: 'eu-west-1',
      KMS_ENVELOPE_KEY_ID: kms.createKey(),
    });
  const openAccount = (sub: string) =>
    send(app.deps, {
      method: 'POST',
      path: '/accounts',
      sub,
      body: { holderName: 'Grace Hopper', currency: 'EUR' },
    });

  it('generates the data key with KMS and opens the account', async () => {
    app = await envelopeApp();

    const response = await openAccount('user-lazy-kms');

    expect(response.status).toBe(201);
    expect(kms.commandNames()).toEqual(['GenerateDataKeyCommand']);
  });

  it('answers a KMS dependency timeout with 503 and Retry-After 1, as before', async () => {
    app = await envelopeApp();
    kms.failNext(
      'GenerateDataKey',
      new DependencyTimeoutException({ message: 'Timed out', $metadata }),
    );

    const response = await openAccount('user-lazy-kms-busy');

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ code: 'service-unavailable' });
  });
});
