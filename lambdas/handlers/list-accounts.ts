import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, queryParams } from '../http/request.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts: the caller's accounts, from the read model's byOwner index. */
export const listAccounts = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    queryParams(event, noQuery);
    return json(200, { accounts: await deps.accounts.viewsOf(subject) });
  });

export const handler = onColdStart(listAccounts, readDependencies);
