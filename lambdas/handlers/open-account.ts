import { coreDependencies, type CoreDependencies } from '../core-dependencies.js';
import { accountCommandResponse } from '../http/account-views.js';
import { runCommand } from '../http/command-endpoint.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, jsonBody } from '../http/request.js';
import { openAccountBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts: opens an account for the caller; 201 with its id and a Location. */
export const openAccount = (deps: CoreDependencies) =>
  httpHandler(async (event) => {
    const actor = actorOf(event);
    const { holderName, currency, initialDeposit } = jsonBody(event, openAccountBody);
    const accountId = deps.ids.next();
    return runCommand(deps.commands, event, {
      actor,
      accountId,
      command: {
        type: 'OpenAccount',
        actor,
        data: { holderName, currency, ...(initialDeposit === undefined ? {} : { initialDeposit }) },
      },
      accepted: (outcome) =>
        accountCommandResponse(outcome, 201, { location: `/accounts/${outcome.accountId}` }),
    });
  });

export const handler = onColdStart(openAccount, coreDependencies);
