import type { CipherBinding } from '../application/ports.js';
import type { ProjectedEvent, ProjectedEventOf } from './projected-event.js';

/** AccountSummaries row: the read model behind GET /accounts and GET /accounts/{id}. */
export interface AccountSummaryRow {
  readonly accountId: string;
  readonly ownerId: string;
  /** The holder name's ciphertext envelope, copied from AccountOpened; null once erased. */
  readonly holder: unknown;
  /** Where that ciphertext is bound, beside the row's accountId (the stream) and the field. */
  readonly holderBinding: Omit<CipherBinding, 'streamId' | 'field'> | null;
  readonly currency: string;
  readonly balance: number;
  readonly status: 'open' | 'closed';
  readonly personalDataErased: boolean;
  readonly version: number;
  readonly openedAt: string;
  readonly updatedAt: string;
}

const opened = (event: ProjectedEventOf<'AccountOpened'>): AccountSummaryRow => ({
  accountId: event.streamId,
  ownerId: event.data.ownerId,
  holder: event.data.holderName ?? null,
  // Bound to the schema the ciphertext was stored with, not the one it was upcast to.
  holderBinding: {
    eventId: event.eventId,
    type: event.type,
    schema: event.storedSchema ?? event.schema,
  },
  currency: event.data.currency,
  balance: event.data.initialDeposit ?? 0,
  status: 'open',
  personalDataErased: false,
  version: event.version,
  openedAt: event.occurredAt,
  updatedAt: event.occurredAt,
});

/**
 * Folds one (upcast) event into an account's summary row. Pure and total: an event the row has
 * already applied, or one for a row that does not exist yet, leaves it unchanged.
 */
export const evolveSummary = (
  row: AccountSummaryRow | null,
  event: ProjectedEvent,
): AccountSummaryRow | null => {
  if (event.type === 'AccountOpened') {
    return row ?? opened(event);
  }
  if (!row || event.version <= row.version) {
    return row;
  }
  const next = { ...row, version: event.version, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'AccountClosed':
      return { ...next, status: 'closed' };
    case 'PersonalDataErased':
      return {
        ...next,
        status: 'closed',
        holder: null,
        holderBinding: null,
        personalDataErased: true,
      };
    default:
      // Every other type moves money and says what it left.
      return { ...next, balance: event.data.balanceAfter };
  }
};
