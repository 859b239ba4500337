import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /transfers/{id}: the transfer's status from the read model, for its sender only. */
export const getTransfer = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const transferId = idParam(event, 'transfer');
    queryParams(event, noQuery);
    const view = await deps.transfers.queries.viewFor(transferId, subject);
    // Another user's transfer is indistinguishable from a missing one.
    if (!view) {
      throw httpProblem('transfer-not-found', 'No such transfer.');
    }
    return json(200, view);
  });

export const handler = onColdStart(getTransfer, readDependencies);
