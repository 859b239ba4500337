import type * as z from 'zod/mini';
import type { AccountCommand, UserActor } from '../domain/account/index.js';
import { accountCommandResponse } from './account-views.js';
import { runCommand, type CommandDeps } from './command-endpoint.js';
import { httpHandler } from './middleware.js';
import { actorOf, idParam, jsonBody } from './request.js';

/**
 * Builds the handler of a command on an existing account (`POST /accounts/{id}/...`): parse the
 * actor, the id and the body, run the command with the write guarantees, answer the new balance.
 * It takes only the command dependencies, not the composition root's whole bag.
 * @example export const withdrawMoney = accountCommandHandler(withdrawBody, (actor, data) => ({ type: 'WithdrawMoney', actor, data }));
 */
export const accountCommandHandler =
  <S extends z.ZodMiniType>(
    schema: S,
    toCommand: (actor: UserActor, body: z.infer<S>) => AccountCommand,
  ) =>
  (deps: { readonly commands: CommandDeps }) =>
    httpHandler(async (event) => {
      const actor = actorOf(event);
      const accountId = idParam(event);
      const body = jsonBody(event, schema);
      return runCommand(deps.commands, event, {
        actor,
        accountId,
        command: toCommand(actor, body),
        accepted: (outcome) => accountCommandResponse(outcome),
      });
    });
