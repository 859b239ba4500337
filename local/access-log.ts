import type { Duplex } from 'node:stream';
import { inLogScope, type LogScope } from '../lambdas/log-scope.js';
import { logger } from '../lambdas/observability.js';
import { continueTrace } from '../lambdas/trace-context.js';
import { rawProblem } from './problem.js';

/**
 * The edge's `request` line, for a request it answered itself (a handler logs its own), in the
 * caller's trace (a valid `traceparent` header) or a new one, as a handler would.
 */
export const logAnswer = (
  scope: LogScope,
  status: number,
  started: number,
  callerTrace?: string | string[],
): void => {
  const traceparent = continueTrace(typeof callerTrace === 'string' ? callerTrace : undefined);
  inLogScope({ ...scope, traceparent }, () => {
    logger.info('request', { status, durationMs: Math.round(performance.now() - started) });
  });
};

/**
 * Answers requests Node refuses before any handler sees them: headers over its 16 KB limit (API
 * Gateway's own quota is 10 KB of request line and header values), or bytes that are not HTTP.
 */
export const refuseUnparsed = (error: Error, socket: Duplex): void => {
  const code = (error as NodeJS.ErrnoException).code;
  if (!socket.writable || code?.startsWith('HPE_') !== true) {
    socket.destroy();
    return;
  }
  const answer =
    code === 'HPE_HEADER_OVERFLOW'
      ? rawProblem('request-header-fields-too-large', 'The request headers are too large.')
      : rawProblem('invalid-request', 'The request is not valid HTTP/1.1.');
  socket.end(answer.bytes);
  logAnswer({ route: '(unparsed request)' }, answer.status, performance.now());
};
