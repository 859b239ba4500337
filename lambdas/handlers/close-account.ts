import type { Dependencies } from '../dependencies.js';
import { accountCommandResponse } from '../http/account-views.js';
import { runCommand } from '../http/command-endpoint.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, idParam, jsonBody } from '../http/request.js';
import { closeBody } from '../http/schemas/account-commands.js';
import { onColdStart } from './cold-start.js';

/** POST /accounts/{id}/close: closes an account whose balance is zero. */
export const closeAccount = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const actorId = actorOf(event);
    const accountId = idParam(event);
    const data = jsonBody(event, closeBody);
    return runCommand(deps.commands, event, {
      actorId,
      accountId,
      command: { type: 'CloseAccount', actorId, data },
      accepted: (outcome) => accountCommandResponse(outcome),
    });
  });

export const handler = onColdStart(closeAccount);
