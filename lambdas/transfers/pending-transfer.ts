import type { RecordedEvent } from '../event-store/event-store.js';

/** What the process needs from a TransferSent event to settle its transfer. */
export interface PendingTransfer {
  readonly transferId: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: number;
  readonly currency: string;
  /** The TransferSent event: the cause of every step the process takes. */
  readonly sentEventId: string;
  /** Its stored schema: part of the associated data the sender's reference is bound to. */
  readonly sentSchema: number;
  /** The sender's reference as stored: an envelope under the sender's key (absent when none). */
  readonly reference?: unknown;
  /** When the debit was recorded (ISO-8601). */
  readonly sentAt: string;
  readonly correlationId: string;
}

/** A TransferSent whose data the process cannot act on (sent to the on-failure queue). */
export class MalformedTransferError extends Error {
  override readonly name = 'MalformedTransferError';
}

const malformed = (event: RecordedEvent, name: string): MalformedTransferError =>
  new MalformedTransferError(`TransferSent ${event.eventId} has no valid ${name}`);

const text = (event: RecordedEvent, name: string): string => {
  const value = event.data[name];
  if (typeof value !== 'string') {
    throw malformed(event, name);
  }
  return value;
};

const count = (event: RecordedEvent, name: string): number => {
  const value = event.data[name];
  if (typeof value !== 'number') {
    throw malformed(event, name);
  }
  return value;
};

/** Reads the pending transfer a TransferSent event starts. */
export const pendingTransferOf = (event: RecordedEvent): PendingTransfer => ({
  ...(event.data['reference'] === undefined ? {} : { reference: event.data['reference'] }),
  transferId: text(event, 'transferId'),
  fromAccountId: event.streamId,
  toAccountId: text(event, 'toAccountId'),
  amount: count(event, 'amount'),
  currency: text(event, 'currency'),
  sentEventId: event.eventId,
  sentSchema: event.storedSchema ?? event.schema,
  sentAt: event.occurredAt,
  correlationId: event.metadata.correlationId,
});
