import type { CipherBinding } from '../application/ports.js';
import { isEncryptedField, type PersonalData } from '../crypto/index.js';
import type { AccountSummaryRow } from './account-summary.projection.js';
import type { LedgerRow } from './ledger.projection.js';

/**
 * A payment reference as its owner reads it: null when none is held, the owner was erased or the
 * binding is missing. Transfers sent before `reference` was declared personal hold it as recorded:
 * plain text, shown as it is.
 */
export const revealReference = async (
  pd: PersonalData,
  ownerId: string,
  reference: unknown,
  binding: Omit<CipherBinding, 'field'> | undefined,
): Promise<string | null> => {
  if (typeof reference === 'string') {
    return reference;
  }
  if (!isEncryptedField(reference) || !binding) {
    return null;
  }
  return pd.decrypt(ownerId, reference, { ...binding, field: 'reference' });
};

/** Decrypts the holder name of a summary row for its owner; null once the owner was erased. */
const revealHolder = async (pd: PersonalData, row: AccountSummaryRow): Promise<string | null> => {
  if (!isEncryptedField(row.holder) || !row.holderBinding) {
    return null;
  }
  return pd.decrypt(row.ownerId, row.holder, {
    streamId: row.accountId,
    ...row.holderBinding,
    field: 'holderName',
  });
};

/** The public view of a summary row (personal fields decrypted per request, never stored plain). */
export const summaryView = async (pd: PersonalData, row: AccountSummaryRow) => {
  const holderName = await revealHolder(pd, row);
  return {
    accountId: row.accountId,
    holderName,
    personalDataErased: row.personalDataErased || (row.holder !== null && holderName === null),
    currency: row.currency,
    balance: row.balance,
    status: row.status,
    version: row.version,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
  };
};

export type AccountView = Awaited<ReturnType<typeof summaryView>>;

/** A ledger row as its owner reads it: a transfer's reference decrypted, null once erased. */
export const ledgerEntryView = async (pd: PersonalData, ownerId: string, row: LedgerRow) => {
  const { accountId, reference, referenceBinding, ...entry } = row;
  if (reference === undefined) {
    return entry;
  }
  const binding = referenceBinding && { streamId: accountId, type: row.type, ...referenceBinding };
  return { ...entry, reference: await revealReference(pd, ownerId, reference, binding) };
};

export type LedgerEntryView = Awaited<ReturnType<typeof ledgerEntryView>>;
