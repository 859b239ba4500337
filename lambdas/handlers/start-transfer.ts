import { coreDependencies, type CoreDependencies } from '../core-dependencies.js';
import { json } from '../http/json-response.js';
import { runCommand } from '../http/command-endpoint.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, jsonBody } from '../http/request.js';
import { startTransferBody } from '../http/schemas/transfers.js';
import { onColdStart } from './cold-start.js';

/**
 * POST /transfers: debits the caller's source account (the only write) and answers 202 pending;
 * the transfer process credits the target, or reverses the debit if the target refuses.
 */
export const startTransfer = (deps: CoreDependencies) =>
  httpHandler(async (event) => {
    const actor = actorOf(event);
    const { fromAccountId, toAccountId, amount, reference } = jsonBody(event, startTransferBody);
    if (fromAccountId === toAccountId) {
      throw httpProblem('same-account', 'A transfer needs two different accounts.');
    }
    const transferId = deps.ids.next();
    return runCommand(deps.commands, event, {
      actor,
      accountId: fromAccountId,
      command: {
        type: 'SendTransfer',
        actor,
        data: {
          transferId,
          fromAccountId,
          toAccountId,
          amount,
          ...(reference === undefined ? {} : { reference }),
        },
      },
      // A replay answers the transfer id the first request generated, kept in the view.
      accepted: ({ view: { transferId: started = transferId, currency } }) =>
        json(
          202,
          {
            transferId: started,
            status: 'pending',
            fromAccountId,
            toAccountId,
            amount,
            ...(currency === undefined ? {} : { currency }),
          },
          { location: `/transfers/${started}` },
        ),
    });
  });

export const handler = onColdStart(startTransfer, coreDependencies);
