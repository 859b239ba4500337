import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { countResponse, logger } from '../observability.js';
import { stackFrames } from './error-frames.js';
import { inLogScope } from '../log-scope.js';
import { continueTrace } from '../trace-context.js';
import { KeyServiceError, SubjectErasedError } from '../crypto/index.js';
import { OwnerSealedError } from '../event-store/owners.js';
import { InvalidCursorError } from '../projections/queries.js';
import { HttpProblem, httpProblem, problem, problemResponse } from './problem.js';
import { securityHeaders } from './security-headers.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;
export type HttpHandlerFn = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

type Request = middy.Request<HttpEvent, HttpResponse>;

const withSecurityHeaders = (request: Request): void => {
  const response = request.response;
  if (response) {
    request.response = { ...response, headers: { ...securityHeaders, ...response.headers } };
  }
};

/** Infrastructure conditions a client can meet, as the problem they answer (the one such map). */
const knownProblem = (error: Error | null): HttpProblem | undefined => {
  if (error instanceof HttpProblem) {
    return error;
  }
  if (error instanceof InvalidCursorError) {
    return httpProblem('invalid-request', error.message);
  }
  if (error instanceof SubjectErasedError || error instanceof OwnerSealedError) {
    return httpProblem(
      'personal-data-erased',
      "The caller's personal data was erased; nothing can be stored for it any more.",
    );
  }
  if (error instanceof KeyServiceError) {
    // Logged by the KMS error's name only (an alarm on 5xx counts these too).
    logger.warn('key service failure', {
      operation: error.operation,
      errorName: error.cause instanceof Error ? error.cause.name : error.name,
    });
    return new HttpProblem(
      problem('service-unavailable', 'The key service is unavailable; retry later.'),
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  }
  return undefined;
};

/** Maps thrown problems to their response, and anything else to a generic 500 (logged by name). */
const errorToResponse = (request: Request): void => {
  const known = knownProblem(request.error);
  const { error } = request;
  if (known) {
    request.response = problemResponse(known.problem, known.headers);
  } else {
    // Only the error's name and stack frames are logged: messages of foreign errors are not trusted
    // to be free of personal data.
    logger.error('unhandled error', { errorName: error?.name, stack: stackFrames(error) });
    request.response = problemResponse(
      problem('internal-error', 'The request could not be completed. Quote the request id.', {
        requestId: request.context.awsRequestId,
      }),
    );
  }
  withSecurityHeaders(request);
};

const edge: MiddlewareObj<HttpEvent, HttpResponse> = {
  after: withSecurityHeaders,
  onError: errorToResponse,
};

/**
 * Wraps a route handler in the shared HTTP edge: problem+json errors, security headers, and one
 * `request` log line; every line it logs names this request and its trace, however many run at
 * once, and every event it appends records that trace.
 */
export const httpHandler = (fn: HttpHandlerFn): HttpHandlerFn => {
  const wrapped = middy<HttpEvent, HttpResponse>().use(edge).handler(fn);
  return (event, context) => {
    const scope = {
      requestId: context.awsRequestId,
      route: event.routeKey,
      // The caller's trace when it sent a valid traceparent, else a new one (docs/adr/0107).
      traceparent: continueTrace(event.headers['traceparent']),
    };
    return inLogScope(scope, async () => {
      const started = performance.now();
      const response = await wrapped(event, context);
      const durationMs = Math.round(performance.now() - started);
      logger.info('request', { status: response.statusCode, durationMs });
      countResponse(response.statusCode);
      return response;
    });
  };
};
