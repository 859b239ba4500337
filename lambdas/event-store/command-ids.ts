import { createHash } from 'node:crypto';

/**
 * The (subject, key) pair as one string that can be split back: the subject's length in UTF-16
 * code units, a colon, the subject, then the key. Injective, unlike `subject#key`.
 */
export const encodeIdempotencyScope = (subject: string, key: string): string =>
  `${subject.length}:${subject}${key}`;

/**
 * The Commands record id of a client's Idempotency-Key: `idem:` and the SHA-256 of the pair's
 * unambiguous encoding. Distinct pairs never share a record; the table holds no subject; the id is
 * 69 characters whatever the subject's length. No id of this form contains `#`, so none equals a
 * record written before (`subject#key`), and none equals a transfer step's (`transfer:<id>:<step>`).
 */
export const idempotencyRecordId = (subject: string, key: string): string =>
  `idem:${createHash('sha256').update(encodeIdempotencyScope(subject, key), 'utf8').digest('hex')}`;

/**
 * The id the record of the same request had before issue 11 (`subject#key`), readable until its
 * 24 h TTL passes. Only when neither part holds `#`: then the old id names exactly this pair, so
 * reading it cannot hand one user another's response. Remove one TTL after the release.
 */
export const legacyIdempotencyRecordId = (subject: string, key: string): string | undefined =>
  subject.includes('#') || key.includes('#') ? undefined : `${subject}#${key}`;

/** The two steps the process takes on a transfer; each has one deterministic command id. */
export type ProcessStep = 'credit' | 'reverse';

/**
 * The command id of a step. The credit's id is also the transfer's decision: its record is written
 * in the same transaction as TransferReceived, or alone (conditionally) when the target refuses, so
 * exactly one of "credited" and "refused" can ever be stored for a transfer.
 */
export const stepCommandId = (transferId: string, step: ProcessStep): string =>
  `transfer:${transferId}:${step}`;
