import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lambdas/config.js';
import { createDocumentClient } from '../lambdas/dynamodb-client.js';
import { DynamoDbEventStore } from '../lambdas/event-store/dynamodb-event-store.js';
import type { RebuildProgress } from '../lambdas/projections/rebuild.js';
import { integrationPublishing, replayApplier } from '../lambdas/integration/index.js';
import { projectionNames, replayEvents } from '../lambdas/projections/rebuild-registry.js';
import { estimateEventCount } from '../lambdas/projections/rebuild-scan.js';
import { MAX_SEGMENTS } from '../lambdas/projections/rebuild-segments.js';
import { UsageError, webhooksOf } from './cli-options.js';
import { progressBar } from './progress-bar.js';

// `npm run rebuild -- [<projection>] [--segments N] [--republish [--webhook <url>]...]`: replays the
// Events table of the local runtime's DynamoDB Local into a read table, and with --republish sends
// every event again to the webhooks (marked as replays), with a progress bar on stderr and the final
// count on stdout.
type Env = Readonly<Record<string, string | undefined>>;

interface RebuildCliOptions {
  readonly projection: string | undefined;
  readonly republish: boolean;
  readonly webhookUrls: readonly string[];
  readonly totalSegments: number;
  readonly env: Env;
}

const usage = (): string =>
  `usage: npm run rebuild -- [<projection>] [--segments N] [--republish [--webhook <url>]...]\n` +
  `projections: ${projectionNames().join(', ')}`;

const wholeNumber = (
  value: string | undefined,
  fallback: number,
  name: string,
  max = MAX_SEGMENTS,
): number => {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  }
  return parsed;
};

// One known projection, or none when only republishing.
const projectionOf = (positionals: readonly string[], republish: boolean): string | undefined => {
  const [projection, ...rest] = positionals;
  const named = projection === undefined || projectionNames().includes(projection);
  if ((projection === undefined && !republish) || rest.length > 0 || !named) {
    const why = named ? '' : `unknown projection "${projection}"\n`;
    throw new UsageError(`${why}${usage()}`);
  }
  return projection;
};

const parseOptions = (args: readonly string[], env: Env): RebuildCliOptions => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        segments: { type: 'string' },
        republish: { type: 'boolean', default: false },
        webhook: { type: 'string', multiple: true, default: [] },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : 'bad arguments'}\n${usage()}`);
  }
  const { republish, webhook } = parsed.values;
  const projection = projectionOf(parsed.positionals, republish);
  const webhookUrls = webhooksOf(webhook, env);
  if (republish && webhookUrls.length === 0) {
    throw new UsageError('--republish needs a destination: --webhook <url> or LEDGER_WEBHOOK_URLS');
  }
  const totalSegments = wholeNumber(parsed.values.segments, 4, '--segments');
  return { projection, republish, webhookUrls, totalSegments, env };
};

const depsOf = ({ env, webhookUrls }: RebuildCliOptions) => {
  const port = wholeNumber(env['DYNAMODB_PORT'], 8000, 'DYNAMODB_PORT', 65_535);
  const dataDir = env['LEDGER_DATA_DIR'] || '.data';
  const config = loadConfig({
    ...env,
    TABLE_PREFIX: env['TABLE_PREFIX'] ?? 'ledger-',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
    KEY_STRATEGY: 'local',
    LOCAL_MASTER_KEY_FILE: join(dataDir, 'master.key'),
    INTEGRATION_WEBHOOK_URLS: webhookUrls.join(','),
  });
  const client = createDocumentClient({ endpoint: config.dynamoEndpoint, region: config.region });
  const store = new DynamoDbEventStore({
    client,
    eventsTable: config.tables.Events,
    commandsTable: config.tables.Commands,
    ownersTable: config.tables.Owners,
  });
  return { client, store, config };
};

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2), process.env);
  const deps = depsOf(options);
  const name = options.projection ?? 'Republish';
  const replay = replayApplier(options, deps, integrationPublishing(deps));
  const started = performance.now();
  const bar = progressBar(name, await estimateEventCount(deps.client, deps.config.tables.Events));
  let last: RebuildProgress = { events: 0, accounts: 0, segmentsDone: 0, segments: 1 };
  const result = await replayEvents(deps, replay.apply, {
    totalSegments: options.totalSegments,
    onProgress: (progress) => {
      last = progress;
      bar.update(progress);
    },
  });
  bar.update({ ...last, ...result }, true);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const done = options.projection === undefined ? [] : [`Rebuilt ${options.projection}`];
  const republished = options.republish ? [`republished ${replay.republished()} events`] : [];
  const what = [...done, ...republished].join(', ');
  process.stdout.write(
    `${what.charAt(0).toUpperCase()}${what.slice(1)}: ` +
      `${result.events} events, ${result.accounts} accounts in ${seconds} s\n`,
  );
};

// The two mistakes a local user makes: DynamoDB Local not started, or started with other tables.
const explain = (error: unknown): string => {
  const message = error instanceof Error ? error.message : 'rebuild failed';
  if (error instanceof Error && error.name === 'ResourceNotFoundException') {
    return `${message}: are the tables created? Start the local runtime (npm start) first`;
  }
  if (message.includes('ECONNREFUSED')) {
    return `${message}: DynamoDB Local is not running there (npm start, or set DYNAMODB_PORT)`;
  }
  return message;
};

try {
  await main();
} catch (error) {
  process.stderr.write(`${explain(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
