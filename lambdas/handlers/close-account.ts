import { coreDependencies } from '../core-dependencies.js';
import { accountCommandHandler } from '../http/account-command-handler.js';
import { closeBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/close: closes an account whose balance is zero. */
export const closeAccount = accountCommandHandler(closeBody, (actor) => ({
  type: 'CloseAccount',
  actor,
  data: {},
}));

export const handler = onColdStart(closeAccount, coreDependencies);
