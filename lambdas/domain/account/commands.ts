/**
 * Commands are imperative and carry the acting user (`actorId`, the JWT subject). Amounts arrive
 * already parsed as integers in minor units; the decider still checks their bounds.
 */
export interface OpenAccount {
  readonly type: 'OpenAccount';
  readonly actorId: string;
  readonly data: {
    readonly holderName: string;
    readonly currency: string;
    readonly initialDeposit?: number;
  };
}

export interface DepositMoney {
  readonly type: 'DepositMoney';
  readonly actorId: string;
  readonly data: { readonly amount: number; readonly currency?: string };
}

export interface WithdrawMoney {
  readonly type: 'WithdrawMoney';
  readonly actorId: string;
  readonly data: { readonly amount: number };
}

export interface CloseAccount {
  readonly type: 'CloseAccount';
  readonly actorId: string;
  readonly data: Readonly<Record<string, never>>;
}

/** Debits the source of a transfer; `actorId` must own the source. */
export interface SendTransfer {
  readonly type: 'SendTransfer';
  readonly actorId: string;
  readonly data: {
    readonly transferId: string;
    /** The source's own id, so the decider can refuse a transfer to itself. */
    readonly fromAccountId: string;
    readonly toAccountId: string;
    readonly amount: number;
    /** Free text from the sender; personal data (encrypted at rest, shredded on erasure). */
    readonly reference?: string;
  };
}

/** Credits the target of a transfer; issued by the transfer process, not by a user. */
export interface ReceiveTransfer {
  readonly type: 'ReceiveTransfer';
  readonly actorId: string;
  readonly data: {
    readonly transferId: string;
    readonly fromAccountId: string;
    readonly amount: number;
    readonly currency: string;
  };
}

/** Returns a refused transfer's amount to its source; issued by the transfer process. */
export interface ReverseTransfer {
  readonly type: 'ReverseTransfer';
  readonly actorId: string;
  readonly data: {
    readonly transferId: string;
    readonly toAccountId: string;
    readonly amount: number;
    readonly reason: string;
  };
}

export interface ErasePersonalData {
  readonly type: 'ErasePersonalData';
  readonly actorId: string;
  readonly data: { readonly erasureId: string };
}

export type AccountCommand =
  | OpenAccount
  | DepositMoney
  | WithdrawMoney
  | CloseAccount
  | SendTransfer
  | ReceiveTransfer
  | ReverseTransfer
  | ErasePersonalData;

/** The identity the transfer process and other system actors use; never a JWT subject. */
export const SYSTEM_ACTOR = 'system:ledger';
