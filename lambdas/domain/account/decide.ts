import { accept, reject, type Decision } from '../decision.js';
import { addMinor, isCurrency, isValidAmount } from '../money.js';
import type {
  AccountCommand,
  CloseAccount,
  DepositMoney,
  ErasePersonalData,
  OpenAccount,
  WithdrawMoney,
} from './commands.js';
import { openAccountOf } from './guards.js';
import type { AccountError } from './errors.js';
import type { AccountEvent } from './events.js';
import type { Account } from './state.js';
import { receiveTransfer, reverseTransfer, sendTransfer } from './transfers.js';

export type AccountDecision = Decision<AccountEvent, AccountError>;

/**
 * Decides what a command does to an account: the events to record, or why it is refused.
 * Pure: no clock, no ids, no I/O.
 * @example decide({ type: 'WithdrawMoney', actor: userActor('u1'), data: { amount: 500 } }, state)
 */
export const decide = (command: AccountCommand, state: Account): AccountDecision => {
  switch (command.type) {
    case 'OpenAccount':
      return open(command, state);
    case 'DepositMoney':
      return deposit(command, state);
    case 'WithdrawMoney':
      return withdraw(command, state);
    case 'CloseAccount':
      return close(command, state);
    case 'SendTransfer':
      return sendTransfer(command, state);
    case 'ReceiveTransfer':
      return receiveTransfer(command, state);
    case 'ReverseTransfer':
      return reverseTransfer(command, state);
    case 'ErasePersonalData':
      return erase(command, state);
  }
};

const open = (command: OpenAccount, state: Account): AccountDecision => {
  if (state.status !== 'none') {
    return reject({ code: 'account-already-exists' });
  }
  const { holderName, currency, initialDeposit } = command.data;
  if (!isCurrency(currency)) {
    return reject({ code: 'unsupported-currency', currency });
  }
  if (initialDeposit === undefined || initialDeposit === 0) {
    return accept({
      type: 'AccountOpened',
      data: { ownerId: command.actor.subject, holderName, currency },
    });
  }
  if (!isValidAmount(initialDeposit)) {
    return reject({ code: 'invalid-amount', amount: initialDeposit });
  }
  // One event: the opening balance is part of the opening, so the history starts where it should.
  return accept({
    type: 'AccountOpened',
    data: { ownerId: command.actor.subject, holderName, currency, initialDeposit },
  });
};

const deposit = (command: DepositMoney, state: Account): AccountDecision => {
  const found = openAccountOf(command.actor, state);
  if (!found.ok) {
    return reject(found.error);
  }
  const { account } = found;
  const { amount, currency = account.currency } = command.data;
  if (currency !== account.currency) {
    return reject({ code: 'currency-mismatch', expected: account.currency, actual: currency });
  }
  if (!isValidAmount(amount)) {
    return reject({ code: 'invalid-amount', amount });
  }
  const balanceAfter = addMinor(account.balance, amount);
  if (balanceAfter === undefined) {
    return reject({ code: 'balance-limit-exceeded', balance: account.balance, requested: amount });
  }
  return accept({
    type: 'MoneyDeposited',
    data: { amount, currency: account.currency, balanceAfter },
  });
};

const withdraw = (command: WithdrawMoney, state: Account): AccountDecision => {
  const found = openAccountOf(command.actor, state);
  if (!found.ok) {
    return reject(found.error);
  }
  const { account } = found;
  const { amount } = command.data;
  if (!isValidAmount(amount)) {
    return reject({ code: 'invalid-amount', amount });
  }
  if (account.balance < amount) {
    return reject({ code: 'insufficient-funds', balance: account.balance, requested: amount });
  }
  return accept({
    type: 'MoneyWithdrawn',
    data: { amount, balanceAfter: account.balance - amount },
  });
};

const close = (command: CloseAccount, state: Account): AccountDecision => {
  const found = openAccountOf(command.actor, state);
  if (!found.ok) {
    return reject(found.error);
  }
  if (found.account.balance !== 0) {
    return reject({ code: 'balance-not-zero', balance: found.account.balance });
  }
  return accept({ type: 'AccountClosed', data: { balance: 0 } });
};

/** Whether the actor may erase the subject's data: the subject, or the erasure flow. */
const mayErase = ({ actor, data }: ErasePersonalData): boolean =>
  actor.kind === 'user' ? actor.subject === data.subjectId : actor.process === 'erasure';

/** Erasure applies to open and closed accounts alike, and only once. */
const erase = (command: ErasePersonalData, state: Account): AccountDecision => {
  if (state.status === 'none' || state.ownerId !== command.data.subjectId || !mayErase(command)) {
    return reject({ code: 'account-not-found' });
  }
  if (state.personalDataErased) {
    return accept();
  }
  return accept({ type: 'PersonalDataErased', data: { erasureId: command.data.erasureId } });
};
