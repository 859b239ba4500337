import type { Currency } from '../money.js';

/**
 * An account was opened for its owner, with its opening balance (`initialDeposit`, minor units;
 * absent on accounts opened empty). `holderName` is personal data (encrypted at rest).
 */
export interface AccountOpened {
  readonly type: 'AccountOpened';
  readonly data: {
    readonly ownerId: string;
    readonly holderName: string | null;
    readonly currency: Currency;
    readonly initialDeposit?: number;
  };
}

export interface MoneyDeposited {
  readonly type: 'MoneyDeposited';
  readonly data: {
    readonly amount: number;
    readonly currency: Currency;
    readonly balanceAfter: number;
  };
}

export interface MoneyWithdrawn {
  readonly type: 'MoneyWithdrawn';
  readonly data: { readonly amount: number; readonly balanceAfter: number };
}

export interface AccountClosed {
  readonly type: 'AccountClosed';
  readonly data: { readonly balance: number };
}

/** The owner was erased (crypto-shredding); carries no personal data. The account is closed by it. */
export interface PersonalDataErased {
  readonly type: 'PersonalDataErased';
  readonly data: { readonly erasureId: string };
}

/** The source side of a transfer: money left this account towards `toAccountId`. */
export interface TransferSent {
  readonly type: 'TransferSent';
  readonly data: {
    readonly transferId: string;
    readonly toAccountId: string;
    readonly amount: number;
    readonly currency: Currency;
    readonly balanceAfter: number;
    /** The sender's free text; personal data, so it is a ciphertext envelope at rest. */
    readonly reference?: string;
  };
}

/**
 * The target side of a transfer: money arrived from `fromAccountId`. Schema 2 adds the receiver's
 * own copy of the sender's reference (personal data, encrypted under the receiver's key).
 */
export interface TransferReceived {
  readonly type: 'TransferReceived';
  readonly data: {
    readonly transferId: string;
    readonly fromAccountId: string;
    readonly amount: number;
    readonly balanceAfter: number;
    readonly reference?: string;
  };
}

/** The target refused a transfer, so its amount came back to the source (compensation). */
export interface TransferReversed {
  readonly type: 'TransferReversed';
  readonly data: {
    readonly transferId: string;
    readonly toAccountId: string;
    readonly amount: number;
    readonly reason: string;
    readonly balanceAfter: number;
  };
}

export type AccountEvent =
  | AccountOpened
  | MoneyDeposited
  | MoneyWithdrawn
  | AccountClosed
  | PersonalDataErased
  | TransferSent
  | TransferReceived
  | TransferReversed;

export type AccountEventType = AccountEvent['type'];

/** Current schema number of each event type; bumped when a type's stored shape changes (upcasters). */
export const eventSchemas = {
  AccountOpened: 1,
  MoneyDeposited: 2,
  MoneyWithdrawn: 1,
  AccountClosed: 1,
  PersonalDataErased: 1,
  TransferSent: 1,
  TransferReceived: 2,
  TransferReversed: 1,
} as const satisfies Record<AccountEventType, number>;

export const isAccountEventType = (type: string): type is AccountEventType =>
  Object.hasOwn(eventSchemas, type);
