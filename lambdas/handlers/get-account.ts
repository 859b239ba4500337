import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { etag, json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}: the account's summary from the read model (eventually consistent). */
export const getAccount = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    queryParams(event, noQuery);
    const view = await deps.accounts.viewFor(accountId, subject);
    // Another owner's account is indistinguishable from a missing one.
    if (!view) {
      throw httpProblem('account-not-found', 'No such account.');
    }
    return json(200, view, { etag: etag(view.version) });
  });

export const handler = onColdStart(getAccount, readDependencies);
