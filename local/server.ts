import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { inLogScope } from '../lambdas/log-scope.js';
import { logger } from '../lambdas/observability.js';
import type { RouteSpec } from '../lib/function-specs.js';
import { buildGatewayEvent, buildLambdaContext } from './gateway-event.js';
import { logAnswer, refuseUnparsed } from './access-log.js';
import { writeProblem } from './problem.js';
import { defaultMaxBodyBytes, readBody } from './request-body.js';
import { writeResult } from './response.js';
import { writePublic, type PublicRoutes } from './public-routes.js';
import { createRouteMatcher } from './route-matcher.js';
import type { GatewayClaims } from './token.js';

/** A route handler exactly as deployed behind API Gateway. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalServerOptions {
  readonly routes: readonly RouteSpec[];
  /** The handler of a route, or undefined while its module does not exist (answered 501). */
  readonly handlerFor: (route: RouteSpec) => HttpHandler | undefined;
  /** Verifies a bearer token; undefined means invalid (401). */
  readonly verify: (token: string) => Promise<GatewayClaims | undefined>;
  /** 0 or omitted: a free port. */
  readonly port?: number;
  readonly maxBodyBytes?: number;
  /** Answers requests outside the route table (console, /openapi.json) before routing; see public-routes.ts. */
  readonly publicRoutes?: PublicRoutes;
  /**
   * Called once a handler has returned or thrown, before its answer is written: it may have
   * appended events (the local runtime wakes the stream poller).
   */
  readonly afterHandler?: (route: RouteSpec) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const bearerToken = (request: IncomingMessage): string | undefined =>
  /^Bearer ([\w.~+/-]+=*)$/i.exec(request.headers.authorization ?? '')?.[1];

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestId: string;
}

/** The status written, and whether the handler's own middleware logged the request already. */
interface Answer {
  readonly status: number;
  readonly logged?: true;
}

const invoke = async (
  exchange: Exchange,
  route: RouteSpec,
  parts: { pathParameters: Record<string, string>; claims: GatewayClaims; body: string },
  options: LocalServerOptions,
): Promise<Answer> => {
  const { request, response, requestId } = exchange;
  const handler = options.handlerFor(route);
  if (!handler) {
    return { status: writeProblem(response, 'not-implemented', `No handler for ${route.id} yet.`) };
  }
  const routeKey = `${route.method} ${route.path}`;
  const event = buildGatewayEvent({ request, routeKey, ...parts, requestId, now: new Date() });
  try {
    const result = await handler(event, buildLambdaContext(route.id, requestId)).finally(() => {
      options.afterHandler?.(route);
    });
    return { status: writeResult(response, result), logged: true };
  } catch (error) {
    // Only the error's name: its message may carry personal data.
    const errorName = error instanceof Error ? error.name : typeof error;
    inLogScope({ requestId, route: routeKey }, () => {
      logger.error('handler threw', { errorName });
    });
    return {
      status: writeProblem(response, 'internal-error', 'The request could not be processed.'),
    };
  }
};

const dispatch = async (
  exchange: Exchange,
  options: LocalServerOptions,
  match: Matcher,
): Promise<Answer & { readonly routeKey?: string }> => {
  const { request, response } = exchange;
  const answer = await options.publicRoutes?.(request);
  if (answer) {
    return { routeKey: 'public', status: writePublic(response, answer) };
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const found = match(request.method ?? 'GET', path);
  if (found.kind === 'not-found') {
    return { status: writeProblem(response, 'not-found', 'No route matches this path.') };
  }
  if (found.kind === 'method-not-allowed') {
    const allow = found.allow.join(', ');
    const detail = `This path accepts ${allow}.`;
    return { status: writeProblem(response, 'method-not-allowed', detail, { allow }) };
  }
  const routeKey = `${found.route.method} ${found.route.path}`;
  return { routeKey, ...(await admit(exchange, found, options)) };
};

// API Gateway's order once a route matches: authorizer first, then the payload limit, then Lambda.
const admit = async (
  exchange: Exchange,
  found: { route: RouteSpec; pathParameters: Record<string, string> },
  options: LocalServerOptions,
): Promise<Answer> => {
  const { request, response } = exchange;
  const token = bearerToken(request);
  const claims = token === undefined ? undefined : await options.verify(token);
  if (!claims) {
    const detail = 'A valid bearer token is required.';
    const status = writeProblem(response, 'unauthorized', detail, { 'www-authenticate': 'Bearer' });
    return { status };
  }
  const read = await readBody(request, options.maxBodyBytes ?? defaultMaxBodyBytes);
  if (!read.ok) {
    // Closing the connection stops the client sending the rest of an oversized body.
    const detail = 'The request body is larger than allowed.';
    return { status: writeProblem(response, 'payload-too-large', detail, { connection: 'close' }) };
  }
  const parts = { pathParameters: found.pathParameters, claims, body: read.body };
  return invoke(exchange, found.route, parts, options);
};

type Matcher = ReturnType<typeof createRouteMatcher<RouteSpec>>;

const serve =
  (options: LocalServerOptions, match: Matcher) =>
  (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const requestId = randomUUID();
    response.setHeader('apigw-requestid', requestId);
    dispatch({ request, response, requestId }, options, match)
      .then(({ routeKey, status, logged }) => {
        if (!logged) {
          logAnswer(
            { requestId, route: routeKey ?? `${request.method ?? '-'} (no route)` },
            status,
            started,
            request.headers['traceparent'],
          );
        }
      })
      .catch((error: unknown) => {
        const errorName = error instanceof Error ? error.name : typeof error;
        inLogScope({ requestId }, () => {
          logger.error('request failed', { errorName });
        });
        response.destroy();
      });
  };

/** Starts the local API Gateway stand-in on 127.0.0.1: routing, JWT check, body cap, handlers. */
export const startLocalServer = (options: LocalServerOptions): Promise<LocalServer> => {
  const server = createServer(serve(options, createRouteMatcher<RouteSpec>(options.routes)));
  server.on('clientError', refuseUnparsed);
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => {
              closed();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
};
