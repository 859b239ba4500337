import type { BackupReach, BackupReceipt } from './key-store.js';
import { DELETION_WINDOW_DAYS } from './kms-key-retirement.js';
import type { ErasedSubjectKey } from './subject-keys-table.js';

const DAY_MS = 86_400_000;

const plusDays = (instant: string, days: number): string =>
  new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/**
 * When an erasure reaches every backup under one key strategy: the date after which no copy of
 * SubjectKeys (PITR, export, on-demand backup) can yield the erased subject's data key any more.
 */
export interface BackupHorizon {
  readonly receipt: BackupReceipt;
  reachedBy(record: ErasedSubjectKey): string | Promise<string>;
}

const horizon = (
  strategy: string,
  reachedBy: BackupReach,
  by: (record: ErasedSubjectKey) => string,
): BackupHorizon => ({ receipt: { strategy, reachedBy }, reachedBy: by });

/**
 * `kms-key-per-subject`: the subject's KMS key is deleted at the end of its waiting period, counted
 * from the ScheduleKeyDeletion call, which `keyRetiredAt` follows (so this is an upper bound).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
export const untilKeyDeletion = (strategy: string): BackupHorizon =>
  horizon(strategy, 'kms-key-deletion', (record) =>
    plusDays(record.keyRetiredAt ?? record.erasedAt, DELETION_WINDOW_DAYS),
  );

/**
 * `kms-envelope` and `local`: the shared master key lives on, so a SubjectKeys backup taken before
 * the erasure still yields the data key until it can no longer be restored: the end of the table's
 * point-in-time recovery window (on-demand backups an operator takes are outside this promise).
 */
export const untilRecoveryWindowEnds = (strategy: string, days: number): BackupHorizon =>
  horizon(strategy, 'end-of-pitr-window', (record) => plusDays(record.erasedAt, days));
