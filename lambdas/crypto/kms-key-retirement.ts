import type { Kms, KmsAccess } from './kms-client.js';
import { kmsCall, kmsErrorName } from './kms-support.js';

/** The shortest waiting period KMS allows before it deletes a key. */
export const DELETION_WINDOW_DAYS = 7;

// A key that is already pending deletion, or gone, needs no retiring.
const retired = (error: unknown): boolean =>
  ['KMSInvalidStateException', 'NotFoundException'].includes(kmsErrorName(error) ?? '');

/** ScheduleKeyDeletion failed: fine only if the key is already pending deletion (or deleted). */
const confirmDeletionPending = async (
  { client, sdk }: KmsAccess,
  keyRef: string,
  failure: unknown,
): Promise<void> => {
  const name = kmsErrorName(failure);
  if (name === 'NotFoundException') {
    return;
  }
  if (name !== 'KMSInvalidStateException') {
    throw failure;
  }
  const { KeyMetadata } = await kmsCall('DescribeKey', () =>
    client.send(new sdk.DescribeKeyCommand({ KeyId: keyRef })),
  );
  if (KeyMetadata?.KeyState !== 'PendingDeletion') {
    throw failure;
  }
};

/**
 * Disables a per-subject KMS key and schedules its deletion after {@link DELETION_WINDOW_DAYS}
 * (the key policy denies CancelKeyDeletion, so this is final). A key already pending deletion or
 * gone counts as retired; any other failure is thrown. Used by erasure and the orphan-key sweeper.
 */
export const retireKmsKey = async (kms: Kms, keyRef: string): Promise<void> => {
  const access = await kms();
  const { client, sdk } = access;
  try {
    await kmsCall('DisableKey', () => client.send(new sdk.DisableKeyCommand({ KeyId: keyRef })));
  } catch (error) {
    if (!retired(error)) {
      throw error;
    }
  }
  try {
    await kmsCall('ScheduleKeyDeletion', () =>
      client.send(
        new sdk.ScheduleKeyDeletionCommand({
          KeyId: keyRef,
          PendingWindowInDays: DELETION_WINDOW_DAYS,
        }),
      ),
    );
  } catch (error) {
    await confirmDeletionPending(access, keyRef, error);
  }
};
