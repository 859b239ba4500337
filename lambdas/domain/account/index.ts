export { decide, type AccountDecision } from './decide.js';
export { evolve, initialState, STATE_SCHEMA } from './state.js';
export type { Account, ExistingAccount, NoAccount } from './state.js';
export { eventSchemas, isAccountEventType } from './events.js';
export type {
  AccountClosed,
  AccountEvent,
  AccountEventType,
  AccountOpened,
  MoneyDeposited,
  MoneyWithdrawn,
  PersonalDataErased,
  TransferReceived,
  TransferReversed,
  TransferSent,
} from './events.js';
export { isOwner, userActor } from '../actor.js';
export type { Actor, SystemActor, SystemProcess, UserActor } from '../actor.js';
export type {
  AccountCommand,
  CloseAccount,
  DepositMoney,
  ErasePersonalData,
  OpenAccount,
  ReceiveTransfer,
  ReverseTransfer,
  SendTransfer,
  WithdrawMoney,
} from './commands.js';
export type { AccountError, AccountErrorCode } from './errors.js';
