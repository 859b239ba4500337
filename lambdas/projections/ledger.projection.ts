import type { CipherBinding } from '../application/ports.js';
import type { AccountEventType } from '../domain/account/index.js';
import type { ProjectedEvent } from './projected-event.js';

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

type Direction = 'credit' | 'debit';

interface Movement {
  readonly direction: Direction;
  readonly amount: number;
  readonly balanceAfter: number;
  readonly transferId?: string;
  readonly counterpartyAccountId?: string;
  readonly reference?: unknown;
}

/** The event types that make or change ledger rows (an erasure strips earlier references). */
export const ledgerEventTypes: ReadonlySet<AccountEventType> = new Set([
  'AccountOpened',
  'MoneyDeposited',
  'MoneyWithdrawn',
  'TransferSent',
  'TransferReceived',
  'TransferReversed',
  'PersonalDataErased',
]);

/** One side of a transfer: the other account is the counterparty; the reference is this side's. */
const transferLeg = (
  direction: Direction,
  data: Pick<Movement, 'amount' | 'balanceAfter' | 'reference'> & { readonly transferId: string },
  counterpartyAccountId: string,
): Movement => {
  const { transferId, amount, balanceAfter, reference } = data;
  return { direction, transferId, counterpartyAccountId, amount, balanceAfter, reference };
};

/** The money an event moves, and which way; an opening balance is the account's first credit. */
const movementOf = (event: ProjectedEvent): Movement | null => {
  switch (event.type) {
    case 'AccountOpened': {
      const opening = event.data.initialDeposit;
      return opening === undefined
        ? null
        : { direction: 'credit', amount: opening, balanceAfter: opening };
    }
    case 'MoneyDeposited':
    case 'MoneyWithdrawn': {
      const { amount, balanceAfter } = event.data;
      const direction = event.type === 'MoneyDeposited' ? 'credit' : 'debit';
      return { direction, amount, balanceAfter };
    }
    case 'TransferSent':
      return transferLeg('debit', event.data, event.data.toAccountId);
    case 'TransferReceived':
      return transferLeg('credit', event.data, event.data.fromAccountId);
    case 'TransferReversed': {
      const { transferId, toAccountId, amount, balanceAfter } = event.data;
      const counterpartyAccountId = toAccountId;
      return { direction: 'credit', transferId, counterpartyAccountId, amount, balanceAfter };
    }
    case 'AccountClosed':
    case 'PersonalDataErased':
      return null;
  }
};

const referenceOf = (event: ProjectedEvent, reference: unknown): Partial<LedgerRow> => {
  if (reference === undefined || reference === null) {
    return {};
  }
  const binding = { eventId: event.eventId, schema: event.storedSchema ?? event.schema };
  return { reference, referenceBinding: binding };
};

/** The ledger row an (upcast) event makes, or null when the event moves no money. */
export const ledgerRowOf = (event: ProjectedEvent): LedgerRow | null => {
  const movement = movementOf(event);
  if (!movement || movement.amount <= 0) {
    return null;
  }
  const { direction, amount, balanceAfter, transferId, counterpartyAccountId } = movement;
  return {
    accountId: event.streamId,
    version: event.version,
    type: event.type,
    direction,
    amount,
    balanceAfter,
    occurredAt: event.occurredAt,
    ...(transferId === undefined ? {} : { transferId }),
    ...(counterpartyAccountId === undefined ? {} : { counterpartyAccountId }),
    ...referenceOf(event, movement.reference),
  };
};

/** Without the reference: what a row of an erased owner keeps (the money, never their words). */
export const withoutReference = (row: LedgerRow): LedgerRow => {
  const { reference: _reference, referenceBinding: _binding, ...kept } = row;
  return kept;
};

/** The version of the account's PersonalDataErased in a run of its events, if the run holds it. */
export const erasedAt = (events: readonly ProjectedEvent[]): number | undefined =>
  events.find((event) => event.type === 'PersonalDataErased')?.version;

/**
 * The rows a run of one account's events makes. Rows older than an erasure in the run keep no
 * reference, so a redelivery or a rebuild of the whole history writes none back.
 */
export const ledgerRowsOf = (events: readonly ProjectedEvent[]): LedgerRow[] => {
  const erased = erasedAt(events);
  return events
    .map(ledgerRowOf)
    .filter((row): row is LedgerRow => row !== null)
    .map((row) => (erased !== undefined && row.version < erased ? withoutReference(row) : row));
};
