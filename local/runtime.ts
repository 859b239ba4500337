import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createRawClient, localClientConfig } from '../lambdas/dynamodb-client.js';
import { routes, streamConsumer } from '../lib/function-specs.js';
import { bootstrapTables, type TableNames } from './bootstrap-tables.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { loadHandler } from './handler-modules.js';
import { configureEnvironment, localTablePrefix } from './runtime-environment.js';
import { startLocalServer, type HttpHandler, type LocalServer } from './server.js';
import type { StreamConsumer } from './stream-delivery.js';
import { StreamPoller } from './stream-poller.js';
import { loadSigningSecret, verifyToken } from './token.js';
import { localPublicRoutes } from './console-routes.js';

export interface LocalRuntimeOptions {
  /** API port on 127.0.0.1; 0 or omitted picks a free one. */
  readonly port?: number;
  /** DynamoDB Local's port; 0 or omitted picks a free one. */
  readonly dynamoPort?: number;
  /** Holds the JWT secret, the master key and (unless in memory) the DynamoDB files. */
  readonly dataDir?: string;
  /** Keep no data: DynamoDB Local runs with -inMemory. */
  readonly inMemory?: boolean;
  /** Request lines: one readable line each (default), or JSON as on Lambda. */
  readonly logFormat?: 'text' | 'json';
  /** Loopback URLs the stream consumer POSTs every integration event to (checked again by config). */
  readonly webhookUrls?: readonly string[];
  /** Where the runtime's own messages go (start-up, stream poller); requests log through the logger. */
  readonly log?: (line: string) => void;
}

/** A running local Ledger: API, DynamoDB Local and stream poller. */
export interface LocalRuntime {
  readonly url: string;
  readonly dynamoEndpoint: string;
  readonly tables: TableNames;
  readonly dataDir: string;
  /** Resolves once the stream poller has fed every record written so far to the projectors. */
  whenIdle(): Promise<void>;
  /** Stops the poller, the server and DynamoDB Local, in that order. */
  stop(): Promise<void>;
}

const loadRouteHandlers = async (log: (line: string) => void) => {
  const handlers = new Map<string, HttpHandler>();
  for (const route of routes) {
    const handler = await loadHandler<HttpHandler>(route);
    if (handler) {
      handlers.set(route.id, handler);
    } else {
      log(`no lambdas/handlers/${route.handler}.ts yet: ${route.method} ${route.path} answers 501`);
    }
  }
  return handlers;
};

const startDynamo = async (options: LocalRuntimeOptions, dataDir: string) => {
  const files = join(dataDir, 'dynamodb');
  if (!options.inMemory) {
    await mkdir(files, { recursive: true, mode: 0o700 });
  }
  return startDynamoDbLocal({
    ownerFile: join(dataDir, 'dynamodb-local.json'),
    ...(options.log ? { log: options.log } : {}),
    // DynamoDB Local cannot bind port 0 itself, so 0 means: find a free port first.
    ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
    ...(options.inMemory ? {} : { dataDir: files }),
  });
};

const startPoller = async (
  endpoint: string,
  tables: TableNames,
  log: (line: string) => void,
): Promise<StreamPoller | undefined> => {
  const consumer = await loadHandler<StreamConsumer>(streamConsumer);
  if (!consumer) {
    log(`no lambdas/handlers/${streamConsumer.handler}.ts yet: the stream is not read`);
    return undefined;
  }
  const raw = createRawClient({ endpoint });
  const described = await raw.send(new DescribeTableCommand({ TableName: tables.Events }));
  raw.destroy();
  const streamArn = described.Table?.LatestStreamArn;
  if (streamArn === undefined) {
    throw new Error(`${tables.Events} has no stream`);
  }
  const client = new DynamoDBStreamsClient(localClientConfig(endpoint));
  return StreamPoller.start({ client, streamArn, consumer, log });
};

const startParts = async (dynamo: DynamoDbLocal, dataDir: string, options: LocalRuntimeOptions) => {
  const log = options.log ?? (() => undefined);
  const raw = createRawClient({ endpoint: dynamo.endpoint });
  const tables = await bootstrapTables(raw, localTablePrefix).finally(() => {
    raw.destroy();
  });
  const { logFormat, webhookUrls } = options;
  configureEnvironment(process.env, {
    endpoint: dynamo.endpoint,
    tables,
    dataDir,
    logFormat,
    webhookUrls,
  });
  const handlers = await loadRouteHandlers(log);
  const secret = await loadSigningSecret(dataDir);
  const poller = await startPoller(dynamo.endpoint, tables, log);
  const server = await startLocalServer({
    routes: routes,
    handlerFor: (route) => handlers.get(route.id),
    verify: (token) => verifyToken(secret, token),
    ...(options.port === undefined ? {} : { port: options.port }),
    publicRoutes: localPublicRoutes(secret),
    // A handler's events are in the stream once it returns: read them now, not after an idle pause.
    afterHandler: () => poller?.wake(),
  }).catch(async (error: unknown) => {
    await poller?.stop();
    throw error;
  });
  return { tables, server, poller };
};

const stopAll = async (parts: { poller?: StreamPoller | undefined; server: LocalServer }) => {
  await parts.poller?.stop();
  await parts.server.close();
};

/**
 * Starts Ledger on this machine: DynamoDB Local, the tables from the shared specs, the route
 * handlers behind a local API Gateway stand-in, and the stream poller feeding the projectors.
 */
export const startLocalRuntime = async (
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime> => {
  const dataDir = resolve(options.dataDir ?? '.data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const dynamo = await startDynamo(options, dataDir);
  try {
    const { tables, server, poller } = await startParts(dynamo, dataDir, options);
    return {
      url: server.url,
      dynamoEndpoint: dynamo.endpoint,
      tables,
      dataDir,
      whenIdle: () => poller?.whenIdle() ?? Promise.resolve(),
      stop: async () => {
        // DynamoDB Local is a separate JVM: stop it even when the rest fails to stop.
        await stopAll({ poller, server }).finally(() => dynamo.stop());
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
};
