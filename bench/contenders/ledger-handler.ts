import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { buildLambdaContext } from '../../local/gateway-event.js';
import { BENCH_USER, DEPOSIT } from './contender.js';

type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<{ statusCode?: number; body?: string } | undefined>;

export interface HandlerEnvOptions {
  readonly endpoint: string;
  readonly tablePrefix: string;
  readonly masterKeyFile: string;
}

/** The environment a Lambda gets, pointed at the benchmark's DynamoDB Local and tables. */
export const handlerEnv = (options: HandlerEnvOptions): Record<string, string> => ({
  DYNAMODB_ENDPOINT: options.endpoint,
  TABLE_PREFIX: options.tablePrefix,
  KEY_STRATEGY: 'local',
  LOCAL_MASTER_KEY_FILE: options.masterKeyFile,
  AWS_REGION: 'us-east-1',
});

export const depositEvent = (
  accountId: string,
  requestId: string,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const now = new Date();
  const path = `/accounts/${accountId}/deposits`;
  return {
    version: '2.0',
    routeKey: 'POST /accounts/{id}/deposits',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'localhost' },
    pathParameters: { id: accountId },
    body: JSON.stringify({ amount: DEPOSIT }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      authorizer: {
        jwt: { claims: { sub: BENCH_USER }, scopes: null },
        principalId: '',
        integrationLatency: 0,
      },
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId,
      routeKey: 'POST /accounts/{id}/deposits',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
};

const isHandler = (value: unknown): value is HttpHandler => typeof value === 'function';

/**
 * Loads lambdas/handlers/deposit-money.ts (or a bundle of it) as a Lambda would (config read from
 * the environment at import) and returns one deposit through it, or why it cannot.
 */
export const loadDepositHandler = async (
  env: Readonly<Record<string, string>>,
  file = resolve('lambdas/handlers/deposit-money.ts'),
): Promise<((accountId: string) => Promise<void>) | { readonly missing: string }> => {
  if (!existsSync(file)) {
    return { missing: `${file} does not exist yet` };
  }
  Object.assign(process.env, env);
  const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
  const handler = module.handler;
  if (!isHandler(handler)) {
    return { missing: 'deposit-money.ts exports no handler function' };
  }
  let sequence = 0;
  return async (accountId) => {
    sequence += 1;
    const requestId = `bench-${sequence}`;
    const response = await handler(
      depositEvent(accountId, requestId),
      buildLambdaContext('DepositMoney', requestId),
    );
    if (response?.statusCode !== 200) {
      throw new Error(`deposit answered ${response?.statusCode}: ${response?.body}`);
    }
  };
};

/**
 * The same deposit-money handler built from dependencies whose state cache holds nothing, so every
 * command loads its account: beside the cached handler it shows what the cache saves per command.
 */
export const depositWithoutCache = async (
  env: Readonly<Record<string, string>>,
): Promise<(accountId: string) => Promise<void>> => {
  const { depositMoney } = await import('../../lambdas/handlers/deposit-money.js');
  const { buildDependencies } = await import('../../lambdas/dependencies.js');
  const { loadConfig } = await import('../../lambdas/config.js');
  const handler = depositMoney(buildDependencies(loadConfig({ ...env, STATE_CACHE_SIZE: '0' })));
  let sequence = 0;
  return async (accountId) => {
    sequence += 1;
    const requestId = `bench-nocache-${sequence}`;
    const response = await handler(
      depositEvent(accountId, requestId),
      buildLambdaContext('DepositMoney', requestId),
    );
    if (response.statusCode !== 200) {
      throw new Error(`deposit answered ${String(response.statusCode)}: ${String(response.body)}`);
    }
  };
};
