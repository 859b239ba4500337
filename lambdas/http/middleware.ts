import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { countResponse, tracer } from '../observability.js';
import { logger } from './logger.js';
import { KeyServiceError, SubjectErasedError } from '../crypto/index.js';
import { OwnerSealedError } from '../event-store/owners.js';
import { HttpProblem, httpProblem, problem, problemResponse } from './problem.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;
export type HttpHandlerFn = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

/** Headers every response carries: a JSON API is never framed, sniffed, cached or referred. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

type Request = middy.Request<HttpEvent, HttpResponse>;

const withSecurityHeaders = (request: Request): void => {
  const response = request.response;
  if (response) {
    request.response = { ...response, headers: { ...securityHeaders, ...response.headers } };
  }
};

/** Infrastructure conditions a client can meet, as the problem they answer. */
const knownProblem = (error: Error | null): HttpProblem | undefined => {
  if (error instanceof HttpProblem) {
    return error;
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
    // Only the error's name and stack are logged: messages of foreign errors are not trusted to be
    // free of personal data.
    logger.error('unhandled error', { errorName: error?.name, stack: error?.stack });
    request.response = problemResponse(
      problem('internal-error', 'The request could not be completed. Quote the request id.', {
        requestId: request.context.awsRequestId,
      }),
    );
  }
  withSecurityHeaders(request);
};

const edge: MiddlewareObj<HttpEvent, HttpResponse> = {
  before: (request) => {
    logger.appendKeys({
      requestId: request.context.awsRequestId,
      route: request.event.routeKey,
    });
    tracer.putAnnotation('route', request.event.routeKey);
  },
  after: (request) => {
    withSecurityHeaders(request);
    logger.info('request', { status: request.response?.statusCode });
    countResponse(request.response?.statusCode);
  },
  onError: (request) => {
    errorToResponse(request);
    logger.info('request', { status: request.response?.statusCode });
    countResponse(request.response?.statusCode);
  },
};

/** Wraps a route handler in the shared HTTP edge: logging, problem+json errors, security headers. */
export const httpHandler = (fn: HttpHandlerFn): HttpHandlerFn => {
  const wrapped = middy<HttpEvent, HttpResponse>().use(edge).handler(fn);
  return (event, context) => wrapped(event, context);
};
