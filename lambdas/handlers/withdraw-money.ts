import type { Dependencies } from '../dependencies.js';
import { accountCommandResponse } from '../http/account-views.js';
import { runCommand } from '../http/command-endpoint.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, idParam, jsonBody } from '../http/request.js';
import { withdrawBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/withdrawals: debits the account; 409 when the balance is short. */
export const withdrawMoney = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const actorId = actorOf(event);
    const accountId = idParam(event);
    const data = jsonBody(event, withdrawBody);
    return runCommand(deps.commands, event, {
      actorId,
      accountId,
      command: { type: 'WithdrawMoney', actorId, data },
      accepted: (outcome) => accountCommandResponse(outcome),
    });
  });

export const handler = onColdStart(withdrawMoney);
