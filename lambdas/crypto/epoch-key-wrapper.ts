import type { BackupHorizon } from './backup-horizon.js';
import type { EpochKeys } from './epoch-keys.js';
import type { EpochRotation } from './epoch-rotation.js';
import type { GeneratedKey, KeyWrapper } from './key-store.js';
import { DELETION_WINDOW_DAYS } from './kms-key-retirement.js';
import type { ErasedSubjectKey } from './subject-keys-table.js';

const DAY_MS = 86_400_000;

/** Days a scheduled run may take to notice a due rotation and finish its sweep (daily schedule). */
export const SWEEP_ALLOWANCE_DAYS = 1;

const plusDays = (instant: string, days: number): string =>
  new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/**
 * `kms-epoch` (and `local` with epochs): new data keys are wrapped under the current epoch's key;
 * each subject's record names the key that wraps it, so unwrapping needs no epoch lookup. Shared
 * keys: erasure only removes the wrapped key, and the rotation destroys the old epoch key later.
 */
export class EpochKeyWrapper implements KeyWrapper {
  readonly epochGuarded = true;

  constructor(
    private readonly keys: EpochKeys,
    private readonly rotation: EpochRotation,
  ) {}

  async generate(subjectId: string): Promise<GeneratedKey> {
    const { keyRef } = await this.rotation.current();
    return this.keys.generate(keyRef, subjectId);
  }

  unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer> {
    return this.keys.unwrap(keyRef, subjectId, wrappedKey);
  }

  retire(_keyRef: string): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * `kms-epoch`: the erasure reaches backups when the epoch key that last wrapped the subject's data
 * key is destroyed: the next rotation (plus a day for the sweep) and the 7-day deletion window.
 */
export const untilEpochKeyDeletion = (
  strategy: string,
  rotation: EpochRotation,
): BackupHorizon => ({
  receipt: { strategy, reachedBy: 'epoch-key-deletion' },
  reachedBy: async (record: ErasedSubjectKey) => {
    const current = await rotation.current();
    const { previous } = current;
    const underPrevious = previous !== undefined && record.keyRef === previous.keyRef;
    if (underPrevious && previous.destroyedBy !== undefined) {
      return previous.destroyedBy;
    }
    const replacedBy = underPrevious
      ? plusDays(current.startedAt, SWEEP_ALLOWANCE_DAYS)
      : plusDays(rotation.rotatesAt(current), SWEEP_ALLOWANCE_DAYS);
    return plusDays(replacedBy, DELETION_WINDOW_DAYS);
  },
});
