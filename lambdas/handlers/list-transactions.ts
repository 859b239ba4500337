import type { Dependencies } from '../dependencies.js';
import { ledgerEntryView } from '../http/account-views.js';
import { json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { transactionsQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}/transactions?limit&cursor: ledger rows, newest first, paginated. */
export const listTransactions = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    const { limit = 25, cursor } = queryParams(event, transactionsQuery);
    const row = await deps.queries.summary(accountId);
    if (!row || row.ownerId !== subject) {
      throw httpProblem('account-not-found', 'No such account.');
    }
    // An invalid cursor is answered by the HTTP edge (a 400), after the ownership check above.
    const page = await deps.queries.transactions(accountId, limit, cursor);
    return json(200, {
      transactions: await Promise.all(
        page.items.map((item) => ledgerEntryView(deps.personalData, subject, item)),
      ),
      next: page.next,
    });
  });

export const handler = onColdStart(listTransactions);
