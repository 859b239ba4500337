import { coreDependencies } from '../core-dependencies.js';
import { accountCommandHandler } from '../http/account-command-handler.js';
import { withdrawBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/withdrawals: debits the account; 409 when the balance is short. */
export const withdrawMoney = accountCommandHandler(withdrawBody, (actor, { amount }) => ({
  type: 'WithdrawMoney',
  actor,
  data: { amount },
}));

export const handler = onColdStart(withdrawMoney, coreDependencies);
