import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { json } from '../http/json-response.js';
import { historyProblem } from '../http/history-problems.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { eventsQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}/events?fromVersion&limit: the raw history, personal data decrypted or erased. */
export const listEvents = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    const { fromVersion = 1, limit = 100 } = queryParams(event, eventsQuery);
    const page = await deps.history.events(accountId, subject, { fromVersion, limit });
    if (typeof page === 'string') {
      throw historyProblem(page);
    }
    return json(200, page);
  });

export const handler = onColdStart(listEvents, readDependencies);
