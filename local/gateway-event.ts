import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { GatewayClaims } from './token.js';

/** What the local edge knows about one request once it is routed, authorized and read. */
export interface GatewayRequest {
  readonly request: IncomingMessage;
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly body: string;
  readonly claims: GatewayClaims;
  readonly requestId: string;
  readonly now: Date;
}

const localAccountId = '000000000000';
const localRegion = 'us-east-1';
/** API Gateway's integration timeout; a Lambda behind it has no more than this to answer. */
export const integrationTimeoutMs = 30_000;

const monthNames = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const two = (value: number): string => String(value).padStart(2, '0');

/** API Gateway's `requestContext.time` format, e.g. `12/Mar/2020:19:03:58 +0000`. */
export const gatewayTime = (now: Date): string =>
  `${two(now.getUTCDate())}/${monthNames[now.getUTCMonth()] ?? ''}/${now.getUTCFullYear()}:` +
  `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

// Headers arrive lower-cased from node:http; API Gateway joins repeated ones with commas and moves
// cookies into their own array.
const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const text = headerText(value);
    if (text !== undefined && name !== 'cookie') {
      headers[name] = text;
    }
  }
  return headers;
};

const queryOf = (search: URLSearchParams): Record<string, string> | undefined => {
  const query: Record<string, string> = {};
  for (const [name, value] of search) {
    const previous = query[name];
    query[name] = previous === undefined ? value : `${previous},${value}`;
  }
  return Object.keys(query).length > 0 ? query : undefined;
};

const cookiesOf = (request: IncomingMessage): string[] | undefined => {
  const cookie = request.headers.cookie;
  return cookie ? cookie.split(';').map((part) => part.trim()) : undefined;
};

const optionalParts = (input: GatewayRequest, url: URL) => {
  const cookies = cookiesOf(input.request);
  const queryStringParameters = queryOf(url.searchParams);
  const hasPathParameters = Object.keys(input.pathParameters).length > 0;
  return {
    ...(cookies ? { cookies } : {}),
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(hasPathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(input.body === '' ? {} : { body: input.body }),
  };
};

const httpOf = (request: IncomingMessage, url: URL, headers: Record<string, string>) => ({
  method: request.method ?? 'GET',
  path: url.pathname,
  protocol: `HTTP/${request.httpVersion}`,
  sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  userAgent: headers['user-agent'] ?? '',
});

/** Builds the payload-format 2.0 event API Gateway's HTTP API sends after its JWT authorizer. */
export const buildGatewayEvent = (
  input: GatewayRequest,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const { request, now } = input;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = headersOf(request);
  const host = headers['host'] ?? 'localhost';
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...optionalParts(input, url),
    isBase64Encoded: false,
    requestContext: {
      accountId: localAccountId,
      apiId: 'local',
      authorizer: { jwt: { claims: input.claims, scopes: null } },
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: httpOf(request, url, headers),
      requestId: input.requestId,
      routeKey: input.routeKey,
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
  };
};

const unsupported = (): never => {
  throw new Error('callback-style Context methods are not supported; return a promise');
};

// The Context type still declares the deprecated callback methods; handlers here return promises.
const legacyCallbacks = { done: unsupported, fail: unsupported, succeed: unsupported };

/** A Lambda Context for one invocation of `functionName` with the given request id. */
export const buildLambdaContext = (
  functionName: string,
  requestId: string,
  timeoutMs = integrationTimeoutMs,
): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    ...legacyCallbacks,
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:${localAccountId}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
};
