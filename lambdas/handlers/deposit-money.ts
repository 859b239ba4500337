import type { Dependencies } from '../dependencies.js';
import { accountCommandResponse } from '../http/account-views.js';
import { runCommand } from '../http/command-endpoint.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, idParam, jsonBody } from '../http/request.js';
import { depositBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/deposits: credits the account. */
export const depositMoney = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const actorId = actorOf(event);
    const accountId = idParam(event);
    const { amount, currency } = jsonBody(event, depositBody);
    return runCommand(deps.commands, event, {
      actorId,
      accountId,
      command: {
        type: 'DepositMoney',
        actorId,
        data: { amount, ...(currency === undefined ? {} : { currency }) },
      },
      accepted: (outcome) => accountCommandResponse(outcome),
    });
  });

export const handler = onColdStart(depositMoney);
