import { coreDependencies } from '../core-dependencies.js';
import { accountCommandHandler } from '../http/account-command-handler.js';
import { depositBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/deposits: credits the account. */
export const depositMoney = accountCommandHandler(depositBody, (actor, { amount, currency }) => ({
  type: 'DepositMoney',
  actor,
  data: { amount, ...(currency === undefined ? {} : { currency }) },
}));

export const handler = onColdStart(depositMoney, coreDependencies);
