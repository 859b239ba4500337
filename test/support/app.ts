import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { expect } from 'vitest';
import { loadConfig } from '../../lambdas/config.js';
import { buildDependencies, type Dependencies } from '../../lambdas/dependencies.js';
import type { HttpEvent } from '../../lambdas/http/middleware.js';
import { routes } from '../../lib/function-specs.js';
import { createTestTables, type TestTables } from './dynamodb.js';

export interface TestApp {
  readonly deps: Dependencies;
  readonly tables: TestTables;
}

/** Real dependencies (DynamoDB Local, local key store) over a fresh set of tables. */
export const createTestApp = async (
  env: Record<string, string> = {},
  overrides: Parameters<typeof buildDependencies>[1] = {},
  tableOptions: Parameters<typeof createTestTables>[0] = {},
): Promise<TestApp> => {
  const tables = await createTestTables(tableOptions);
  const keyDir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  const config = loadConfig({
    TABLE_PREFIX: tables.prefix,
    DYNAMODB_ENDPOINT: tables.endpoint,
    KEY_STRATEGY: 'local',
    LOCAL_MASTER_KEY_FILE: join(keyDir, 'master.key'),
    ...env,
  });
  return { deps: buildDependencies(config, overrides), tables };
};

export interface TestRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly sub?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
}

const routeOf = (method: string, path: string) => {
  for (const route of routes) {
    const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
    const match = pattern.exec(path);
    if (route.method === method && match) {
      return { route, params: { ...match.groups } };
    }
  }
  throw new Error(`no route for ${method} ${path}`);
};

/** An API Gateway v2 event as the JWT authorizer would deliver it. */
export const httpEvent = (request: TestRequest): { event: HttpEvent; handler: string } => {
  const { route, params } = routeOf(request.method, request.path);
  const body =
    request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const query = request.query ?? {};
  const event = {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: request.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'content-type': 'application/json', ...request.headers },
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: { sub: request.sub ?? 'user-1' }, scopes: [] },
      },
    },
  } as HttpEvent;
  return { event, handler: route.handler };
};

const context = { awsRequestId: 'test-request', functionName: 'test' } as Context;

export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

type Factory = (
  deps: Dependencies,
) => (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Sends a request through the real handler module of its route, built from the given dependencies. */
export const send = async (deps: Dependencies, request: TestRequest): Promise<TestResponse> => {
  const { event, handler } = httpEvent(request);
  const module = (await import(`../../lambdas/handlers/${handler}.ts`)) as Record<string, unknown>;
  const factory = Object.values(module).find(
    (value): value is Factory => typeof value === 'function' && value !== module['handler'],
  );
  if (!factory) {
    throw new Error(`handler ${handler} exports no factory`);
  }
  const response = await factory(deps)(event, context);
  return {
    status: response.statusCode ?? 200,
    headers: Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)]),
    ),
    body:
      typeof response.body === 'string' && response.body !== ''
        ? (JSON.parse(response.body) as Record<string, unknown>)
        : {},
  };
};

/** What an opening sends; the holder defaults to a fixed name, the currency to EUR. */
export interface OpeningBody {
  readonly holderName?: string;
  readonly currency?: string;
  /** Left out of the body when undefined (the account then opens empty). */
  readonly initialDeposit?: number;
}

/** Opens an account over HTTP as `sub`, checks the 201 and returns its id. */
export const openAccount = async (
  deps: Dependencies,
  sub: string,
  body: OpeningBody = {},
): Promise<string> => {
  const { holderName = 'Ada Lovelace', currency = 'EUR', initialDeposit } = body;
  const response = await send(deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName, currency, ...(initialDeposit === undefined ? {} : { initialDeposit }) },
  });
  expect(response.status).toBe(201);
  return String(response.body['accountId']);
};

/** DELETE /me/personal-data as `sub`: erases the caller. */
export const erasePersonalData = (deps: Dependencies, sub: string): Promise<TestResponse> =>
  send(deps, { method: 'DELETE', path: '/me/personal-data', sub });
