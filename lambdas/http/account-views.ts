import type { Account } from '../domain/account/index.js';
import type { CommandOutcome } from '../application/account-service.js';
import { isEncryptedField, type PersonalData } from '../crypto/index.js';
import type { AccountSummaryRow } from '../projections/account-summary.projection.js';
import type { LedgerRow } from '../projections/ledger.projection.js';
import { etag, json } from './json-response.js';
import type { HttpResponse } from './middleware.js';

const balanceOf = (state: Account): number => (state.status === 'none' ? 0 : state.balance);

/** The response of an accepted account command: the new version and balance, with its ETag. */
export const accountCommandResponse = (
  outcome: Extract<CommandOutcome, { ok: true }>,
  statusCode = 200,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse =>
  json(
    statusCode,
    {
      accountId: outcome.accountId,
      version: outcome.version,
      balance: balanceOf(outcome.state),
      ...(outcome.state.status === 'none'
        ? {}
        : { currency: outcome.state.currency, status: outcome.state.status }),
    },
    { ...headers, etag: etag(outcome.version) },
  );

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

/** A ledger row as its owner reads it: a transfer's reference decrypted, null once erased. */
export const ledgerEntryView = async (pd: PersonalData, ownerId: string, row: LedgerRow) => {
  const { accountId, reference, referenceBinding, ...entry } = row;
  if (reference === undefined) {
    return entry;
  }
  // Transfers sent before `reference` was declared personal hold it as recorded: plain text.
  if (typeof reference === 'string') {
    return { ...entry, reference };
  }
  const revealed =
    isEncryptedField(reference) && referenceBinding
      ? await pd.decrypt(ownerId, reference, {
          streamId: accountId,
          type: row.type,
          ...referenceBinding,
          field: 'reference',
        })
      : null;
  return { ...entry, reference: revealed };
};
