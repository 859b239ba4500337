import { readDependencies, type ReadDependencies } from '../read-dependencies.js';
import { etag, json } from '../http/json-response.js';
import { historyProblem } from '../http/history-problems.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, idParam, queryParams } from '../http/request.js';
import { stateQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** GET /accounts/{id}/state[?version=N|?at=ISO]: state rebuilt from the event store. */
export const getState = (deps: ReadDependencies) =>
  httpHandler(async (event) => {
    const { subject } = actorOf(event);
    const accountId = idParam(event);
    const { version, at } = queryParams(event, stateQuery);
    const view = await deps.history.state(accountId, subject, {
      ...(version === undefined ? {} : { version }),
      ...(at === undefined ? {} : { at }),
    });
    if (typeof view === 'string') {
      throw historyProblem(view);
    }
    return json(200, view, { etag: etag(view.version) });
  });

export const handler = onColdStart(getState, readDependencies);
