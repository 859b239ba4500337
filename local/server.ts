import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { RouteSpec } from '../lambdas/http/routes.js';
import { buildGatewayEvent, buildLambdaContext } from './gateway-event.js';
import { rawProblem, writeProblem } from './problem.js';
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
  readonly log: (line: string) => void;
  /** 0 or omitted: a free port. */
  readonly port?: number;
  readonly maxBodyBytes?: number;
  /** Answers requests outside the route table (console, /openapi.json) before routing; see public-routes.ts. */
  readonly publicRoutes?: PublicRoutes;
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

const invoke = async (
  exchange: Exchange,
  route: RouteSpec,
  parts: { pathParameters: Record<string, string>; claims: GatewayClaims; body: string },
  options: LocalServerOptions,
): Promise<number> => {
  const { request, response, requestId } = exchange;
  const handler = options.handlerFor(route);
  if (!handler) {
    return writeProblem(response, 'not-implemented', `No handler module for ${route.id} yet.`);
  }
  const routeKey = `${route.method} ${route.path}`;
  const event = buildGatewayEvent({ request, routeKey, ...parts, requestId, now: new Date() });
  try {
    return writeResult(response, await handler(event, buildLambdaContext(route.id, requestId)));
  } catch (error) {
    // Only the error's name: its message may carry personal data.
    const name = error instanceof Error ? error.name : typeof error;
    options.log(`${route.id} failed with ${name} (request ${requestId})`);
    return writeProblem(response, 'internal-error', 'The request could not be processed.');
  }
};

const dispatch = async (exchange: Exchange, options: LocalServerOptions, match: Matcher) => {
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
  return { routeKey, status: await admit(exchange, found, options) };
};

// API Gateway's order once a route matches: authorizer first, then the payload limit, then Lambda.
const admit = async (
  exchange: Exchange,
  found: { route: RouteSpec; pathParameters: Record<string, string> },
  options: LocalServerOptions,
): Promise<number> => {
  const { request, response } = exchange;
  const token = bearerToken(request);
  const claims = token === undefined ? undefined : await options.verify(token);
  if (!claims) {
    const detail = 'A valid bearer token is required.';
    return writeProblem(response, 'unauthorized', detail, { 'www-authenticate': 'Bearer' });
  }
  const read = await readBody(request, options.maxBodyBytes ?? defaultMaxBodyBytes);
  if (!read.ok) {
    // Closing the connection stops the client sending the rest of an oversized body.
    const detail = 'The request body is larger than allowed.';
    return writeProblem(response, 'payload-too-large', detail, { connection: 'close' });
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
      .then(({ routeKey = '-', status }) => {
        const ms = Math.round(performance.now() - started);
        options.log(`${request.method ?? '-'} ${routeKey} ${status} ${ms}ms ${requestId}`);
      })
      .catch((error: unknown) => {
        const name = error instanceof Error ? error.name : typeof error;
        options.log(`request ${requestId} failed with ${name}`);
        response.destroy();
      });
  };

// Requests Node refuses before any handler sees them: headers over its 16 KB limit (API Gateway's
// own quota is 10 KB of request line and header values), or bytes that are not HTTP at all.
const refuse = (options: LocalServerOptions) => (error: Error, socket: Duplex) => {
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
  options.log(`- - ${String(answer.status)} 0ms -`);
};

/** Starts the local API Gateway stand-in on 127.0.0.1: routing, JWT check, body cap, handlers. */
export const startLocalServer = (options: LocalServerOptions): Promise<LocalServer> => {
  const server = createServer(serve(options, createRouteMatcher<RouteSpec>(options.routes)));
  server.on('clientError', refuse(options));
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
