import { DisabledException, KMSInvalidStateException } from '@aws-sdk/client-kms';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../lambdas/application/ports.js';
import { KeyEpochsTable } from '../../../lambdas/crypto/key-epochs.js';
import { rotateKeyEpochHandler } from '../../../lambdas/handlers/rotate-key-epoch.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { fakeKms, throttled } from './fake-kms.js';
import { holderContext, newSubject, subjectKeyItem } from './support.js';

// The scheduled RotateKeyEpoch function over its real dependencies (DynamoDB Local, KMS modelled in
// fake-kms.ts). The calls and errors it reacts to are the documented ones:
// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html (Tags in the request)
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html (DisabledException,
//   KMSInvalidStateException: the key is not usable in its state)
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
//   (KMSInvalidStateException for a key already pending deletion)
// https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html (ThrottlingException)
// https://docs.aws.amazon.com/kms/latest/developerguide/abac.html (tags take up to five minutes
//   to affect authorization: the next key settles ten minutes before the switch)
const TAG = { TagKey: 'ledger:purpose', TagValue: 'epoch-key/Ledger' };
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Past the 30-day epoch, however late in the test the first epoch started (system clock). */
const DUE = 30 * DAY + MINUTE;
const context = { getRemainingTimeInMillis: () => 900_000 } as Context;
let kms: ReturnType<typeof fakeKms>;
let app: TestApp;
let first: string;
let time: number;
const clock: Clock = { now: () => new Date(time) };

const run = () => rotateKeyEpochHandler(app.deps)({}, context);
const after = (ms: number) => {
  time += ms;
  kms.mock.resetHistory();
  return run();
};
const binding = holderContext('acc-1');
const subjectUnderFirstKey = async () => {
  const subject = newSubject();
  return { subject, name: await app.deps.personalData.encrypt(subject, 'Name', binding) };
};
const epochRecord = () =>
  new KeyEpochsTable(app.tables.client, app.tables.names.SubjectKeys).current();
const keyRefOf = async (subject: string): Promise<unknown> =>
  (await subjectKeyItem(app.tables, subject))?.['keyRef'];

beforeEach(async () => {
  kms = fakeKms();
  // The command path's key store reads the system clock: the test's clock starts there.
  time = Date.now();
  first = kms.createKey([TAG]);
  app = await createTestApp(
    {
      KEY_STRATEGY: 'kms-epoch',
      AWS_REGION: 'eu-west-1',
      KMS_TAG_VALUE: TAG.TagValue,
      KMS_FIRST_EPOCH_KEY_ID: first,
      KEY_EPOCH_DAYS: '30',
    },
    { clock },
  );
});
afterEach(() => {
  kms.mock.restore();
});

describe('RotateKeyEpoch', () => {
  it("starts the first epoch on the stack's key without creating one", async () => {
    const summary = await run();

    expect(summary).toEqual({
      epoch: 1,
      rotated: false,
      rewrapped: 0,
      destroyed: false,
      finished: true,
    });
    expect(kms.commandNames()).toEqual([]);
  });

  it('creates the next key when due, switches after it settled, rewraps, then schedules deletion', async () => {
    const [alice, bob] = [await subjectUnderFirstKey(), await subjectUnderFirstKey()];

    const created = await after(DUE);
    const nextKey = (await epochRecord())?.next?.keyRef;
    expect(nextKey).toMatch(/^arn:aws:kms:/);
    expect(created).toMatchObject({ epoch: 1, rotated: false, finished: false, settling: true });
    expect(kms.commandNames()).toEqual(['CreateKeyCommand']);
    expect(kms.inputOf(0)['Tags']).toEqual([TAG, { TagKey: 'ledger:epoch', TagValue: '2' }]);

    expect(await after(5 * MINUTE)).toMatchObject({ epoch: 1, rotated: false, settling: true });
    expect(kms.commandNames()).toEqual([]);

    const switched = await after(6 * MINUTE);
    expect(switched).toEqual({
      epoch: 2,
      rotated: true,
      rewrapped: 2,
      destroyed: true,
      finished: true,
    });
    expect(kms.commandNames()).toEqual([
      'ReEncryptCommand',
      'ReEncryptCommand',
      'ScheduleKeyDeletionCommand',
    ]);
    expect(kms.inputOf(0)).toMatchObject({ SourceKeyId: first, DestinationKeyId: nextKey });
    expect(kms.inputOf(2)).toEqual({ KeyId: first, PendingWindowInDays: 7 });
    expect([await keyRefOf(alice.subject), await keyRefOf(bob.subject)]).toEqual([
      nextKey,
      nextKey,
    ]);
    expect(await app.deps.personalData.decrypt(alice.subject, alice.name, binding)).toBe('Name');
  });

  it('ends a throttled run cleanly and the next run resumes the sweep', async () => {
    const { subject } = await subjectUnderFirstKey();
    await after(DUE);
    kms.failNext('ReEncrypt', throttled());

    const paused = await after(11 * MINUTE);
    expect(paused).toEqual({ finished: false, paused: 'kms-busy' });
    expect(kms.keys.get(first)).toBe('Enabled');
    const resumed = await after(60 * MINUTE);

    expect(resumed).toMatchObject({ epoch: 2, rewrapped: 1, destroyed: true, finished: true });
    expect(kms.commandNames()).toEqual(['ReEncryptCommand', 'ScheduleKeyDeletionCommand']);
    expect(kms.keys.get(first)).toBe('PendingDeletion');
    expect(await keyRefOf(subject)).toBe((await epochRecord())?.keyRef);
  });

  it('reads the deletion date back when the old key is already pending deletion', async () => {
    await run();
    await after(DUE);
    // A run that scheduled the deletion and stopped before recording it.
    kms.keys.set(first, 'PendingDeletion');

    const summary = await after(11 * MINUTE);

    expect(summary).toMatchObject({ epoch: 2, rotated: true, destroyed: true, finished: true });
    expect(kms.commandNames()).toEqual(['ScheduleKeyDeletionCommand', 'DescribeKeyCommand']);
    expect((await epochRecord())?.previous?.destroyedBy).toEqual(expect.any(String));
  });

  it.each([
    ['an operator disabled the new key', new DisabledException({ message: 'x', $metadata: {} })],
    [
      'the new key is pending deletion',
      new KMSInvalidStateException({ message: 'x', $metadata: {} }),
    ],
  ])('fails loudly, destroying nothing, when %s', async (_case, error) => {
    const { subject, name } = await subjectUnderFirstKey();
    await after(DUE);
    kms.failNext('ReEncrypt', error);

    await expect(after(11 * MINUTE)).rejects.toMatchObject({
      name: 'KeyServiceError',
      cause: { name: error.name },
    });

    expect(kms.commandNames()).toEqual(['ReEncryptCommand']);
    expect(kms.keys.get(first)).toBe('Enabled');
    expect(await keyRefOf(subject)).toBe(first);
    expect(await app.deps.personalData.decrypt(subject, name, binding)).toBe('Name');
  });

  it('refuses to run under another key strategy', async () => {
    const local = await createTestApp();

    await expect(rotateKeyEpochHandler(local.deps)({}, context)).rejects.toThrow('kms-epoch');
    expect(kms.commandNames()).toEqual([]);
  });
});
