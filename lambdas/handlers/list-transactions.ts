import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { transactionsQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}/transactions?limit&cursor: ledger rows, newest first, paginated. */
export const listTransactions = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    const { limit = 25, cursor } = queryParams(event, transactionsQuery);
    // An invalid cursor is answered by the HTTP edge (a 400), after the ownership check.
    const page = await deps.accounts.transactionsFor(accountId, subject, { limit, cursor });
    if (!page) {
      throw httpProblem('account-not-found', 'No such account.');
    }
    return json(200, { transactions: page.items, next: page.next });
  });

export const handler = onColdStart(listTransactions, readDependencies);
