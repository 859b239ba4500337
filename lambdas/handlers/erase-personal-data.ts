import type { Dependencies } from '../dependencies.js';
import { json } from '../http/account-views.js';
import { httpHandler } from '../http/middleware.js';
import { actorOf, jsonBody, queryParams, requestIdOf } from '../http/request.js';
import { eraseBody } from '../http/schemas/account-commands.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/** DELETE /me/personal-data: erases the caller by crypto-shredding; 202 with what was erased. */
export const erasePersonalData = (deps: Dependencies) =>
  httpHandler(async (event) => {
    const { subject: subjectId } = actorOf(event);
    queryParams(event, noQuery);
    // The erasure cannot be undone: a body it does not understand is refused, not ignored.
    jsonBody(event, eraseBody);
    const outcome = await deps.erasure.erase(subjectId, requestIdOf(event));
    return json(202, outcome);
  });

export const handler = onColdStart(erasePersonalData);
