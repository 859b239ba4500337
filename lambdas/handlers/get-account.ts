import type { Dependencies } from '../dependencies.js';
import { summaryView } from '../http/account-views.js';
import { etag, json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}: the account's summary from the read model (eventually consistent). */
export const getAccount = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    queryParams(event, noQuery);
    const row = await deps.queries.summary(accountId);
    // Another owner's account is indistinguishable from a missing one.
    if (!row || row.ownerId !== subject) {
      throw httpProblem('account-not-found', 'No such account.');
    }
    return json(200, await summaryView(deps.personalData, row), { etag: etag(row.version) });
  });

export const handler = onColdStart(getAccount);
