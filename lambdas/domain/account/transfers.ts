import { accept, reject, type Decision } from '../decision.js';
import { addCompensation, addMinor, isValidAmount } from '../money.js';
import type { ReceiveTransfer, ReverseTransfer, SendTransfer } from './commands.js';
import type { AccountError } from './errors.js';
import type { AccountEvent } from './events.js';
import type { Account } from './state.js';
import { openAccount, openAccountOf } from './guards.js';

type TransferDecision = Decision<AccountEvent, AccountError>;

const applied = (state: Account, transferId: string, type: AccountEvent['type']): boolean =>
  state.status !== 'none' && state.transfers.includes(transferId + ':' + type);

/** Debits the source. A transfer id already sent from here records nothing again. */
export const sendTransfer = (command: SendTransfer, state: Account): TransferDecision => {
  const found = openAccountOf(command.actor, state);
  if (!found.ok) {
    return reject(found.error);
  }
  const { account } = found;
  const { transferId, fromAccountId, toAccountId, amount, reference } = command.data;
  if (applied(state, transferId, 'TransferSent')) {
    return accept();
  }
  if (fromAccountId === toAccountId) {
    return reject({ code: 'same-account' });
  }
  if (!isValidAmount(amount)) {
    return reject({ code: 'invalid-amount', amount });
  }
  if (account.balance < amount) {
    return reject({ code: 'insufficient-funds', balance: account.balance, requested: amount });
  }
  return accept({
    type: 'TransferSent',
    data: {
      transferId,
      toAccountId,
      amount,
      currency: account.currency,
      balanceAfter: account.balance - amount,
      ...(reference === undefined ? {} : { reference }),
    },
  });
};

/**
 * Credits the target. Only the transfer process issues it (its actor is the system, by type), on
 * any open account. Idempotent per transfer id, so a redelivered credit changes nothing.
 */
export const receiveTransfer = (command: ReceiveTransfer, state: Account): TransferDecision => {
  if (command.actor.process !== 'transfer-process') {
    return reject({ code: 'account-not-found' });
  }
  if (applied(state, command.data.transferId, 'TransferReceived')) {
    return accept();
  }
  const found = openAccount(state);
  if (!found.ok) {
    return reject(found.error);
  }
  const { account } = found;
  const { transferId, fromAccountId, amount, currency, reference } = command.data;
  if (currency !== account.currency) {
    return reject({ code: 'currency-mismatch', expected: account.currency, actual: currency });
  }
  const balanceAfter = addMinor(account.balance, amount);
  if (balanceAfter === undefined) {
    return reject({ code: 'balance-limit-exceeded', balance: account.balance, requested: amount });
  }
  return accept({
    type: 'TransferReceived',
    data: {
      transferId,
      fromAccountId,
      amount,
      balanceAfter,
      ...(reference === undefined ? {} : { reference }),
    },
  });
};

/**
 * Returns a refused transfer to its source. Compensation must not be refused for the account's
 * own status (a source closed or erased since the debit still gets its money back) nor for the
 * balance limit (the source may have been refilled to it since): it may pass MAX_BALANCE.
 */
export const reverseTransfer = (command: ReverseTransfer, state: Account): TransferDecision => {
  if (state.status === 'none' || command.actor.process !== 'transfer-process') {
    return reject({ code: 'account-not-found' });
  }
  const { transferId, toAccountId, amount, reason } = command.data;
  if (applied(state, transferId, 'TransferReversed')) {
    return accept();
  }
  const balanceAfter = addCompensation(state.balance, amount);
  if (balanceAfter === undefined) {
    return reject({ code: 'balance-limit-exceeded', balance: state.balance, requested: amount });
  }
  return accept({
    type: 'TransferReversed',
    data: { transferId, toAccountId, amount, reason, balanceAfter },
  });
};
