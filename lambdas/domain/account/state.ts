import type { Currency } from '../money.js';
import type { AccountEvent } from './events.js';

/** An account that has not been opened (no events yet). */
export interface NoAccount {
  readonly status: 'none';
}

export interface ExistingAccount {
  readonly status: 'open' | 'closed';
  readonly ownerId: string;
  readonly holderName: string | null;
  readonly currency: Currency;
  readonly balance: number;
  readonly personalDataErased: boolean;
  /** Transfers already applied here, so a redelivered credit or reversal is recognised. */
  readonly transfers: readonly string[];
}

export type Account = NoAccount | ExistingAccount;

export const initialState = (): Account => ({ status: 'none' });

/** The version of the state's shape; bump it when `Account` changes so old snapshots are ignored. */
export const STATE_SCHEMA = 1;

const MAX_REMEMBERED_TRANSFERS = 1000;

const remember = (transfers: readonly string[], transferId: string): readonly string[] =>
  [...transfers, transferId].slice(-MAX_REMEMBERED_TRANSFERS);

/** Folds one event into the state. Total: events that cannot apply leave the state as it is. */
export const evolve = (state: Account, event: AccountEvent): Account => {
  if (event.type === 'AccountOpened') {
    return {
      status: 'open',
      ownerId: event.data.ownerId,
      holderName: event.data.holderName,
      currency: event.data.currency,
      balance: event.data.initialDeposit ?? 0,
      personalDataErased: false,
      transfers: [],
    };
  }
  if (state.status === 'none') {
    return state;
  }
  switch (event.type) {
    case 'MoneyDeposited':
    case 'MoneyWithdrawn':
      return { ...state, balance: event.data.balanceAfter };
    case 'TransferSent':
    case 'TransferReceived':
    case 'TransferReversed':
      return {
        ...state,
        balance: event.data.balanceAfter,
        transfers: remember(state.transfers, event.data.transferId + ':' + event.type),
      };
    case 'AccountClosed':
      return { ...state, status: 'closed' };
    case 'PersonalDataErased':
      return { ...state, status: 'closed', holderName: null, personalDataErased: true };
  }
};
