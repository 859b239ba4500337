import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { renderSvg } from './report-svg.js';
import { formatTable } from './report-table.js';
import { LATEST, readResults, type BenchResults } from './results-file.js';

export const MARKDOWN = 'docs/benchmarks.md';
export const SVG = 'docs/benchmarks.svg';

const METHOD = `The contenders run side by side in one process against one DynamoDB Local (in memory, on
127.0.0.1), one at a time, never overlapping:

- **floor**: a raw conditional \`PutItem\` per event and a raw paginated consistent \`Query\` whose fold
  reads \`balanceAfter\` off the wire format. The least work any event store can do on DynamoDB.
- **ledger**: \`DynamoDbEventStore\` for appends, the application's \`loadAccount\` (upcast + fold) for
  loads, and the \`deposit-money\` Lambda handler for full commands.
- **castore**: \`@castore/core\` with \`@castore/event-storage-adapter-dynamodb\` on its documented
  single-table layout (\`pushEvent\`, \`getAggregate\`, a \`Command\` for full commands).
- **castore-natural**: the same Castore, storing what its users store by default: the payload
  alone, no metadata (in the append, bytes and capacity figures).

Every contender but castore-natural writes the same event (a deposit with amount, currency and
balanceAfter, the same five metadata fields and an event id), each in its own item layout; the floor
writes Ledger's compact item (docs/adr/0160) built by hand. The run waits for an idle machine,
warms DynamoDB Local's JVM up with raw puts (it keeps getting faster for its first 5,000-7,000
requests), warms each contender's code path, then measures each figure in blocks: block b rotates the
contenders' order by b and every other round runs reversed, so each contender holds each position
equally often and drift in the machine favours no one.

What each figure does:

- **append, 1 account, sequential**: appends one after another to a fresh stream, each conditional on
  the stream's version (Ledger: \`DynamoDbEventStore.append\` without an idempotency record).
- **append, 100 accounts, concurrency 16**: 16 workers, each owning every 16th account, 5 events per
  account per block.
- **append client CPU per event**: the benchmark process's CPU time (user + system) per append over
  a block. DynamoDB Local's JVM is another process, so this is the client side's own cost (library,
  SDK, HTTP), and other work on the machine moves it much less than it moves latencies.
- **load, N events**: a consistent read of a seeded stream plus the fold, checked against the
  expected balance. \`ledger+snapshots\` reads a snapshot 99 events behind the head (the worst case
  of a snapshot every 100 events) and the events after it.
- **time travel by version / by time, 10,000 events** (in the \`ledger+snapshots\` column, beside its
  load): \`AccountHistory.state\` as \`GET /accounts/{id}/state?version=N\` and \`?at=T\` run it
  (ownership from the opening event, the snapshot at or before the target, the events after it, the
  view), on an account with a snapshot every 100 versions whose target is 99 events past the
  nearest one; every read is checked against the expected balance.
- **full deposit command**: Ledger through its \`deposit-money\` Lambda handler (one warm container,
  with its state cache); the floor and Castore load, decide and append.
- **bytes per event**: a deposit item's size as DynamoDB counts it for capacity (names plus values,
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
- **write / read units per command, cost per million commands**: 50 deposit commands per contender
  on an account of 10 events, every DynamoDB call with \`ReturnConsumedCapacity: TOTAL\` (as
  DynamoDB Local reports it), priced at the on-demand list prices of us-east-1 stated in
  bench/figures/capacity.ts with their date. Storage, streams and backups are not included.
- **projection lag**: the local runtime (HTTP server, DynamoDB Local with streams, stream poller),
  from a deposit's HTTP response until its Ledger read row exists.
- **bundle size / cold import**: each Lambda bundled with lib/bundling-options.ts (minified, source
  map excluded); \`await import()\` timed in a fresh \`node\` process. Its floor, measured in the
  same run and interleaved round-robin with the bundles: a fresh process importing only the
  \`@aws-sdk/*\` modules the bundle imports statically (from its esbuild metafile), which the
  Lambda runtime ships and no bundle can avoid; the note gives what the bundle adds to it.
- **cold start, DepositMoney**: a fresh process imports the bundle, then serves one deposit on an
  account seeded in the bench's tables; the import and that first request are timed apart.

Reading the tables: latencies are "median / p99" in ms (p99 is nearest-rank; with fewer than 100
samples it is the maximum). Throughputs are the median over blocks. The number in brackets is the
cost relative to the floor (1.00x = the floor; 1.15x = 15 % slower, for latencies and throughputs
alike). DynamoDB Local is not DynamoDB: absolute numbers say little about AWS, ratios say more.`;

/** docs/benchmarks.md: how to run, how it measures, and the latest results. */
export const renderMarkdown = (results: BenchResults): string => {
  const { run } = results;
  const m = run.machine;
  return [
    '## Benchmarks',
    '',
    '`npm run bench` (never part of `npm test`) starts its own DynamoDB Local and takes about',
    `${Math.max(1, Math.round(run.durationSeconds / 60))} min. \`npm run bench -- --json <file>\` also writes every figure`,
    'as JSON; `npm run bench -- --quick` is a smoke pass whose numbers mean nothing. A full run',
    'writes `bench/results/latest.json`; `npm run bench:report` regenerates this page and the plot.',
    '',
    METHOD,
    '',
    `Latest run: ${run.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpuModel}),`,
    `${m.memoryGiB} GiB, Node ${run.node}, DynamoDB Local ${run.dynamoDbLocal}; took`,
    `${run.durationSeconds} s. The machine was ${run.idle.idle ? 'idle' : `still ${Math.round(run.idle.busy * 100)} % busy`} after`,
    `the idle wait; while measuring, its 1-minute load average had a median of`,
    `${run.loadAverage.median.toFixed(1)} and a maximum of ${run.loadAverage.max.toFixed(1)} (${m.cores} cores: above ${m.cores}, other work competed).`,
    '',
    '![Throughput and latency per contender](benchmarks.svg)',
    '',
    formatTable(results),
    '',
  ].join('\n');
};

export const README = 'README.md';
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** The README's copy of the results: when and where, the plot and the table (method: the docs page). */
export const renderReadmeSection = (results: BenchResults): string => {
  const { run } = results;
  const m = run.machine;
  return [
    START,
    '',
    `Run ${run.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB,`,
    `Node ${run.node}, DynamoDB Local ${run.dynamoDbLocal} (load average while measuring: median`,
    `${run.loadAverage.median.toFixed(1)}, max ${run.loadAverage.max.toFixed(1)}).`,
    '',
    '![Throughput and latency per contender](docs/benchmarks.svg)',
    '',
    formatTable(results),
    '',
    END,
  ].join('\n');
};

/** Replaces the README's results between its markers (the rest of the README is left alone). */
export const withReadmeSection = (readme: string, section: string): string => {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${START} ... ${END} markers`);
  }
  return readme.slice(0, start) + section + readme.slice(end + END.length);
};

/** Regenerates docs/benchmarks.md, docs/benchmarks.svg and the README's table from a results file. */
export const writeReport = async (file = LATEST): Promise<void> => {
  const results = await readResults(file);
  // The pages are checked by `prettier --check .` like every other file, so they are written formatted.
  const options = { ...(await resolveConfig(MARKDOWN)), parser: 'markdown' };
  await writeFile(MARKDOWN, await format(renderMarkdown(results), options));
  await writeFile(SVG, renderSvg(results));
  const readme = withReadmeSection(await readFile(README, 'utf8'), renderReadmeSection(results));
  await writeFile(README, await format(readme, options));
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeReport(process.argv[2]);
}
