import type { HistoryError } from '../application/account-history.js';
import { httpProblem, type HttpProblem } from './problem.js';

/** Maps a history read that found nothing to its 404 problem. */
export const historyProblem = (error: HistoryError): HttpProblem => {
  switch (error) {
    case 'account-not-found':
      return httpProblem('account-not-found', 'No such account.');
    case 'version-not-found':
      return httpProblem('not-found', 'The account has no such version.');
    case 'time-before-first-event':
      return httpProblem('not-found', 'The account did not exist at that time.');
  }
};
