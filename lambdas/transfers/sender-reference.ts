import { isEncryptedField, type PersonalData } from '../crypto/index.js';
import type { EventStore } from '../event-store/event-store.js';
import { MalformedTransferError, type PendingTransfer } from './pending-transfer.js';

export interface SenderReferenceDeps {
  readonly store: EventStore;
  readonly personalData: PersonalData;
}

/** The owner of the source account, from its opening (strongly consistent, never a projection). */
const senderOf = async (store: EventStore, accountId: string): Promise<string> => {
  const [opening] = await store.load(accountId, { toVersion: 1 });
  const owner = opening?.type === 'AccountOpened' ? opening.data['ownerId'] : undefined;
  if (typeof owner !== 'string') {
    throw new MalformedTransferError(`Source ${accountId} has no owner`);
  }
  return owner;
};

/**
 * The sender's reference in plaintext, for the credit to record again under the receiver's key
 * (ADR 0150); undefined when the sender gave none or has been erased since (their copy is gone,
 * so the receiver gets none). It lives only in memory, for the one credit command.
 */
export const senderReference = async (
  deps: SenderReferenceDeps,
  transfer: PendingTransfer,
): Promise<string | undefined> => {
  const { reference } = transfer;
  if (reference === undefined || reference === null) {
    return undefined;
  }
  // Transfers sent before `reference` was declared personal hold it as recorded: plain text.
  if (typeof reference === 'string') {
    return reference;
  }
  if (!isEncryptedField(reference)) {
    throw new MalformedTransferError(`TransferSent ${transfer.sentEventId} has no valid reference`);
  }
  const sender = await senderOf(deps.store, transfer.fromAccountId);
  const plaintext = await deps.personalData.decrypt(sender, reference, {
    streamId: transfer.fromAccountId,
    eventId: transfer.sentEventId,
    type: 'TransferSent',
    schema: transfer.sentSchema,
    field: 'reference',
  });
  return plaintext ?? undefined;
};
