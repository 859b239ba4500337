import type { CipherBinding } from '../application/ports.js';
import type { AccountEventType } from '../domain/account/index.js';
import type { ProjectedEvent, ProjectedEventOf } from './projected-event.js';

/** Where a transfer stands: pending until the target credits it or the source gets it back. */
export type TransferStatus = 'pending' | 'completed' | 'reversed';

/**
 * Transfers row: the read model behind GET /transfers/{id}. Fields learnt from TransferSent are
 * absent while only the settling event has been seen (the two live on different accounts, so the
 * stream may deliver them in either order); such a row has no owner and is visible to no one.
 */
export interface TransferRow {
  readonly transferId: string;
  readonly status: TransferStatus;
  /** Why the target refused (an account error code); only on reversed transfers. */
  readonly reason?: string;
  readonly fromAccountId?: string;
  readonly toAccountId?: string;
  /** Who sent it (TransferSent metadata.actorId): the only caller who may read the row. */
  readonly ownerId?: string;
  readonly amount?: number;
  readonly currency?: string;
  /** The reference's ciphertext envelope, copied from TransferSent; never plaintext. */
  readonly reference?: unknown;
  /** Where that ciphertext is bound, beside the source account (the stream) and the field. */
  readonly referenceBinding?: Omit<CipherBinding, 'streamId' | 'field'>;
  /** Version of TransferSent in the source's stream, once it has been applied. */
  readonly sentVersion?: number;
  /** Account and version of the settling event (TransferReceived or TransferReversed). */
  readonly settledBy?: { readonly accountId: string; readonly version: number };
  readonly createdAt?: string;
  readonly updatedAt: string;
}

/** The event types that move a transfer. */
export const transferEventTypes: ReadonlySet<AccountEventType> = new Set([
  'TransferSent',
  'TransferReceived',
  'TransferReversed',
]);

type TransferEvent = ProjectedEventOf<'TransferSent' | 'TransferReceived' | 'TransferReversed'>;

const isTransferEvent = (event: ProjectedEvent): event is TransferEvent =>
  transferEventTypes.has(event.type);

/** The transfer id an event belongs to, or undefined for events that move no transfer. */
export const transferIdOf = (event: ProjectedEvent): string | undefined =>
  isTransferEvent(event) ? event.data.transferId : undefined;

/** The reference envelope and where it is bound, when the sender gave one. */
const referenceOf = (event: ProjectedEventOf<'TransferSent'>): Partial<TransferRow> => {
  const { reference } = event.data;
  if (reference === undefined || reference === null) {
    return {};
  }
  return {
    reference,
    referenceBinding: {
      eventId: event.eventId,
      type: event.type,
      schema: event.storedSchema ?? event.schema,
    },
  };
};

const sent = (
  row: TransferRow | null,
  event: ProjectedEventOf<'TransferSent'>,
  id: string,
): TransferRow => ({
  // Facts the settling event brought (status, reason, settledBy) are kept: they are newer.
  ...(row ?? { transferId: id, status: 'pending', updatedAt: event.occurredAt }),
  fromAccountId: event.streamId,
  toAccountId: event.data.toAccountId,
  ownerId: event.metadata.actorId,
  amount: event.data.amount,
  currency: event.data.currency,
  sentVersion: event.version,
  createdAt: event.occurredAt,
  ...referenceOf(event),
});

type Settling = ProjectedEventOf<'TransferReceived' | 'TransferReversed'>;

/** Each settling event is written on one side and names the other. */
const sidesOf = (event: Settling): Partial<TransferRow> =>
  event.type === 'TransferReceived'
    ? { fromAccountId: event.data.fromAccountId, toAccountId: event.streamId }
    : {
        fromAccountId: event.streamId,
        toAccountId: event.data.toAccountId,
        reason: event.data.reason,
      };

const settled = (row: TransferRow | null, event: Settling, id: string): TransferRow => ({
  ...(row ?? { transferId: id, updatedAt: event.occurredAt }),
  amount: row?.amount ?? event.data.amount,
  ...sidesOf(event),
  status: event.type === 'TransferReceived' ? 'completed' : 'reversed',
  settledBy: { accountId: event.streamId, version: event.version },
  updatedAt: event.occurredAt,
});

const belongsTo = (row: TransferRow | null, id: string): boolean =>
  row === null || row.transferId === id;

const sentApplied = (row: TransferRow | null): boolean => row?.sentVersion !== undefined;

const isSettled = (row: TransferRow | null): boolean => row !== null && row.status !== 'pending';

/**
 * Folds one (upcast) event into its transfer's row. Pure, idempotent and order-safe: TransferSent
 * applies once (its version is remembered), and a settled transfer never changes status again, so
 * duplicates and any delivery order end in the same row.
 */
export const evolveTransfer = (
  row: TransferRow | null,
  event: ProjectedEvent,
): TransferRow | null => {
  if (!isTransferEvent(event) || !belongsTo(row, event.data.transferId)) {
    return row;
  }
  const id = event.data.transferId;
  if (event.type === 'TransferSent') {
    return sentApplied(row) ? row : sent(row, event, id);
  }
  // pending < completed | reversed: the first settling event wins and is never regressed.
  return isSettled(row) ? row : settled(row, event, id);
};
