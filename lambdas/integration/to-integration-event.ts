import { toDomainEvent } from '../application/event-codec.js';
import type { AccountEvent } from '../domain/account/index.js';
import type { Currency } from '../domain/money.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import type { IntegrationEvent } from './contracts.js';

type Envelope = Omit<IntegrationEvent, 'type' | 'data'>;

const envelopeOf = (event: RecordedEvent, replay: boolean): Envelope => ({
  id: event.eventId,
  accountId: event.streamId,
  accountVersion: event.version,
  occurredAt: event.occurredAt,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  ...(replay ? { replay: true as const } : {}),
});

// Picks the public fields one by one: nothing of the stored event's data is copied wholesale, so a
// field added internally (personal or not) never reaches a consumer by accident.
const publicOf = (
  event: AccountEvent,
  currency: Currency,
): Pick<IntegrationEvent, 'type' | 'data'> => {
  switch (event.type) {
    case 'AccountOpened': {
      const initialDeposit = event.data.initialDeposit ?? 0;
      return {
        type: 'ledger.account.opened.v1',
        data: { currency: event.data.currency, initialDeposit, balanceAfter: initialDeposit },
      };
    }
    case 'MoneyDeposited':
    case 'MoneyWithdrawn': {
      const { amount, balanceAfter } = event.data;
      const type =
        event.type === 'MoneyDeposited' ? 'ledger.money.deposited.v1' : 'ledger.money.withdrawn.v1';
      return { type, data: { amount, currency, balanceAfter } };
    }
    case 'AccountClosed':
      return {
        type: 'ledger.account.closed.v1',
        data: { currency, balanceAfter: event.data.balance },
      };
    case 'PersonalDataErased':
      return { type: 'ledger.personal-data.erased.v1', data: { erasureId: event.data.erasureId } };
    case 'TransferSent':
    case 'TransferReceived':
    case 'TransferReversed':
      return transferOf(event, currency);
  }
};

const transferOf = (
  event: Extract<AccountEvent, { type: 'TransferSent' | 'TransferReceived' | 'TransferReversed' }>,
  currency: Currency,
): Pick<IntegrationEvent, 'type' | 'data'> => {
  const { transferId, amount, balanceAfter } = event.data;
  switch (event.type) {
    case 'TransferSent': {
      const { toAccountId } = event.data;
      return {
        type: 'ledger.transfer.sent.v1',
        data: { transferId, toAccountId, amount, currency, balanceAfter },
      };
    }
    case 'TransferReceived': {
      const { fromAccountId } = event.data;
      return {
        type: 'ledger.transfer.completed.v1',
        data: { transferId, fromAccountId, amount, currency, balanceAfter },
      };
    }
    case 'TransferReversed': {
      const { toAccountId, reason } = event.data;
      return {
        type: 'ledger.transfer.reversed.v1',
        data: { transferId, toAccountId, reason, amount, currency, balanceAfter },
      };
    }
  }
};

/**
 * Maps a stored event to its public contract: upcast first (so an internal schema change never
 * reaches the contract), then pick the public fields. `currency` is the account's currency (some
 * internal events do not repeat it). `replay` marks an event republished by a rebuild.
 * @throws UnreadableEventError when the stored event cannot be upcast.
 */
export const toIntegrationEvent = (
  recorded: RecordedEvent,
  currency: Currency,
  options: { readonly replay?: boolean } = {},
): IntegrationEvent =>
  ({
    ...envelopeOf(recorded, options.replay ?? false),
    ...publicOf(toDomainEvent(recorded), currency),
  }) as IntegrationEvent;
