import { erasureDependencies, type ErasureDependencies } from '../erasure-dependencies.js';
import { json } from '../http/json-response.js';
import { httpHandler } from '../http/middleware.js';
import { httpProblem } from '../http/problem.js';
import { actorOf, jsonBody, queryParams, requestIdOf } from '../http/request.js';
import { eraseBody } from '../http/schemas/account-commands.js';
import { noQuery } from '../http/schemas/queries.js';
import { onColdStart } from './cold-start.js';

/**
 * DELETE /me/personal-data: erases the caller by crypto-shredding; 202 with what was erased, or 409
 * naming the accounts that still hold money or have transfers pending (ADR 0097).
 */
export const erasePersonalData = (deps: ErasureDependencies) =>
  httpHandler(async (event) => {
    const { subject: subjectId } = actorOf(event);
    queryParams(event, noQuery);
    // The erasure cannot be undone: a body it does not understand is refused, not ignored.
    jsonBody(event, eraseBody);
    const answer = await deps.erasure.erase(subjectId, requestIdOf(event));
    if (!answer.done) {
      throw httpProblem(
        'accounts-hold-money',
        answer.started
          ? 'The erasure has started; withdraw the money or wait for the pending transfers, then call again.'
          : 'Nothing was erased: withdraw the money or wait for the pending transfers, then call again.',
        { accounts: answer.held, erasureStarted: answer.started },
      );
    }
    return json(202, answer.outcome);
  });

export const handler = onColdStart(erasePersonalData, erasureDependencies);
