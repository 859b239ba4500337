import type { Actor, SystemActor, UserActor } from '../actor.js';

/**
 * Commands are imperative and carry who issues them: a user (the verified token's subject) for the
 * commands a client sends, the system for the transfer process's steps, either for erasure. Amounts
 * arrive already parsed as integers in minor units; the decider still checks their bounds.
 */
export interface OpenAccount {
  readonly type: 'OpenAccount';
  readonly actor: UserActor;
  readonly data: {
    readonly holderName: string;
    readonly currency: string;
    readonly initialDeposit?: number;
  };
}

export interface DepositMoney {
  readonly type: 'DepositMoney';
  readonly actor: UserActor;
  readonly data: { readonly amount: number; readonly currency?: string };
}

export interface WithdrawMoney {
  readonly type: 'WithdrawMoney';
  readonly actor: UserActor;
  readonly data: { readonly amount: number };
}

export interface CloseAccount {
  readonly type: 'CloseAccount';
  readonly actor: UserActor;
  readonly data: Readonly<Record<string, never>>;
}

/** Debits the source of a transfer; the actor must own the source. */
export interface SendTransfer {
  readonly type: 'SendTransfer';
  readonly actor: UserActor;
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
  readonly actor: SystemActor;
  readonly data: {
    readonly transferId: string;
    readonly fromAccountId: string;
    readonly amount: number;
    readonly currency: string;
    /** The sender's reference, read from their copy; recorded again under the receiver's key. */
    readonly reference?: string;
  };
}

/** Returns a refused transfer's amount to its source; issued by the transfer process. */
export interface ReverseTransfer {
  readonly type: 'ReverseTransfer';
  readonly actor: SystemActor;
  readonly data: {
    readonly transferId: string;
    readonly toAccountId: string;
    readonly amount: number;
    readonly reason: string;
  };
}

export interface ErasePersonalData {
  readonly type: 'ErasePersonalData';
  readonly actor: Actor;
  /** `subjectId`: whose data is erased; the account must be theirs. */
  readonly data: { readonly erasureId: string; readonly subjectId: string };
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
