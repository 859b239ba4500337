import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lambdas/config.js';
import { createDocumentClient } from '../lambdas/dynamodb-client.js';
import { DynamoDbEventStore } from '../lambdas/event-store/dynamodb-event-store.js';
import type { RebuildProgress } from '../lambdas/projections/rebuild.js';
import { projectionNames, rebuildByName } from '../lambdas/projections/rebuild-registry.js';
import { estimateEventCount } from '../lambdas/projections/rebuild-scan.js';
import { MAX_SEGMENTS } from '../lambdas/projections/rebuild-segments.js';
import { UsageError } from './cli-options.js';

// `npm run rebuild -- <projection> [--segments N]`: replays the Events table of the local runtime's
// DynamoDB Local into a read table, with a progress bar on stderr and the final count on stdout.
type Env = Readonly<Record<string, string | undefined>>;

interface RebuildCliOptions {
  readonly projection: string;
  readonly totalSegments: number;
  readonly env: Env;
}

const usage = (): string =>
  `usage: npm run rebuild -- <projection> [--segments N]\n` +
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

const parseOptions = (args: readonly string[], env: Env): RebuildCliOptions => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { segments: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : 'bad arguments'}\n${usage()}`);
  }
  const [projection, ...rest] = parsed.positionals;
  if (projection === undefined || rest.length > 0 || !projectionNames().includes(projection)) {
    const why = projection === undefined ? '' : `unknown projection "${projection}"\n`;
    throw new UsageError(`${why}${usage()}`);
  }
  const totalSegments = wholeNumber(parsed.values.segments, 4, '--segments');
  return { projection, totalSegments, env };
};

const depsOf = (env: Env) => {
  const port = wholeNumber(env['DYNAMODB_PORT'], 8000, 'DYNAMODB_PORT', 65_535);
  const dataDir = env['LEDGER_DATA_DIR'] || '.data';
  const config = loadConfig({
    ...env,
    TABLE_PREFIX: env['TABLE_PREFIX'] ?? 'ledger-',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
    KEY_STRATEGY: 'local',
    LOCAL_MASTER_KEY_FILE: join(dataDir, 'master.key'),
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

const WIDTH = 30;
const REDRAW_MS = 80;

/** A bar redrawn in place on a terminal, or a line per 10 % when stderr is a file or a pipe. */
const progressBar = (projection: string, estimate: number | undefined) => {
  const out = process.stderr;
  let shownDecile = -1;
  let drawnAt = 0;
  // The item count is an estimate (and live appends add to it): the bar never claims 100 % early.
  const fractionOf = (p: RebuildProgress): number =>
    estimate ? Math.min(p.events / estimate, 0.99) : 0.99 * (p.segmentsDone / p.segments);
  const text = (p: RebuildProgress, fraction: number): string => {
    const filled = Math.round(fraction * WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    const percent = String(Math.floor(fraction * 100)).padStart(3);
    return `${projection} [${bar}] ${percent}% ${p.events} events, ${p.accounts} accounts`;
  };
  return {
    update(p: RebuildProgress, done = false): void {
      const fraction = done ? 1 : fractionOf(p);
      if (out.isTTY) {
        if (done || Date.now() - drawnAt >= REDRAW_MS) {
          drawnAt = Date.now();
          out.write(`\r${text(p, fraction)}\x1b[K${done ? '\n' : ''}`);
        }
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile > shownDecile) {
        shownDecile = decile;
        out.write(`${text(p, fraction)}\n`);
      }
    },
  };
};

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2), process.env);
  const deps = depsOf(options.env);
  const started = performance.now();
  const bar = progressBar(
    options.projection,
    await estimateEventCount(deps.client, deps.config.tables.Events),
  );
  let last: RebuildProgress = { events: 0, accounts: 0, segmentsDone: 0, segments: 1 };
  const result = await rebuildByName(options.projection, deps, {
    totalSegments: options.totalSegments,
    onProgress: (progress) => {
      last = progress;
      bar.update(progress);
    },
  });
  bar.update({ ...last, ...result }, true);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Rebuilt ${options.projection}: ${result.events} events, ${result.accounts} accounts in ${seconds} s\n`,
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
