import type { ErasureResult } from '../crypto/index.js';
import type { ErasureRecord, KeyReceipt } from './ports.js';

export type { ErasureAudit, ErasureRecord, KeyReceipt } from './ports.js';

/** The receipt of what the key store did. */
export const receiptOf = (shredded: ErasureResult): KeyReceipt => ({
  keyDestroyedAt: shredded.erasedAt,
  reachesBackupsBy: shredded.reachesBackupsBy,
  backups: shredded.backups,
});

/** The receipt a completed record keeps; undefined on records completed before receipts. */
export const storedReceipt = (record: ErasureRecord): KeyReceipt | undefined =>
  record.keyDestroyedAt && record.reachesBackupsBy && record.backups
    ? {
        keyDestroyedAt: record.keyDestroyedAt,
        reachesBackupsBy: record.reachesBackupsBy,
        backups: record.backups,
      }
    : undefined;
