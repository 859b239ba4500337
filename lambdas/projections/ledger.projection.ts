import type { CipherBinding } from '../application/ports.js';
import type { RecordedEvent } from '../event-store/event-store.js';

/** Ledger row: one money movement of an account, with the balance it left. */
export interface LedgerRow {
  readonly accountId: string;
  readonly version: number;
  readonly type: string;
  readonly direction: 'credit' | 'debit';
  readonly amount: number;
  readonly balanceAfter: number;
  readonly occurredAt: string;
  readonly transferId?: string;
  readonly counterpartyAccountId?: string;
  /**
   * A transfer's reference as this account's owner holds it: the ciphertext envelope of the event
   * (the sender's copy on TransferSent, the receiver's own on TransferReceived), never plaintext.
   */
  readonly reference?: unknown;
  /** Where that envelope is bound (event id and stored schema), needed again to decrypt it. */
  readonly referenceBinding?: Pick<CipherBinding, 'eventId' | 'schema'>;
}

const directions: Readonly<Record<string, 'credit' | 'debit'>> = {
  AccountOpened: 'credit',
  MoneyDeposited: 'credit',
  MoneyWithdrawn: 'debit',
  TransferSent: 'debit',
  TransferReceived: 'credit',
  TransferReversed: 'credit',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** An opening balance is the account's first credit. */
const moneyOf = (event: RecordedEvent): { amount: unknown; balanceAfter: unknown } => {
  if (event.type === 'AccountOpened') {
    const opening = event.data['initialDeposit'];
    return { amount: opening, balanceAfter: opening };
  }
  return { amount: event.data['amount'], balanceAfter: event.data['balanceAfter'] };
};

const referenceOf = (event: RecordedEvent): Partial<LedgerRow> => {
  const reference = event.data['reference'];
  if (reference === undefined || reference === null) {
    return {};
  }
  const binding = { eventId: event.eventId, schema: event.storedSchema ?? event.schema };
  return { reference, referenceBinding: binding };
};

/** The ledger row an (upcast) event makes, or null when the event moves no money. */
export const ledgerRowOf = (event: RecordedEvent): LedgerRow | null => {
  const direction = directions[event.type];
  const { amount, balanceAfter } = moneyOf(event);
  if (!direction || typeof amount !== 'number' || amount <= 0 || typeof balanceAfter !== 'number') {
    return null;
  }
  const transferId = text(event.data['transferId']);
  const counterparty = text(event.data['toAccountId']) ?? text(event.data['fromAccountId']);
  return {
    accountId: event.streamId,
    version: event.version,
    type: event.type,
    direction,
    amount,
    balanceAfter,
    occurredAt: event.occurredAt,
    ...(transferId === undefined ? {} : { transferId }),
    ...(counterparty === undefined ? {} : { counterpartyAccountId: counterparty }),
    ...referenceOf(event),
  };
};

/** Without the reference: what a row of an erased owner keeps (the money, never their words). */
export const withoutReference = (row: LedgerRow): LedgerRow => {
  const { reference: _reference, referenceBinding: _binding, ...kept } = row;
  return kept;
};

/** The version of the account's PersonalDataErased in a run of its events, if the run holds it. */
export const erasedAt = (events: readonly RecordedEvent[]): number | undefined =>
  events.find((event) => event.type === 'PersonalDataErased')?.version;

/**
 * The rows a run of one account's events makes. Rows older than an erasure in the run keep no
 * reference, so a redelivery or a rebuild of the whole history writes none back.
 */
export const ledgerRowsOf = (events: readonly RecordedEvent[]): LedgerRow[] => {
  const erased = erasedAt(events);
  return events
    .map(ledgerRowOf)
    .filter((row): row is LedgerRow => row !== null)
    .map((row) => (erased !== undefined && row.version < erased ? withoutReference(row) : row));
};
