import './quiet-lambdas.js';
import { parseArgs } from 'node:util';
import { installCapacityMeter } from './capacity-meter.js';
import { measureBundles } from './figures/bundles.js';
import { measureCapacity } from './figures/capacity.js';
import { measureCommands } from './figures/command.js';
import { measureConcurrentAppend, measureSequentialAppend } from './figures/append.js';
import { loadConfig } from '../lambdas/config.js';
import { buildDependencies } from '../lambdas/dependencies.js';
import { measureItemSizes } from './figures/item-size.js';
import { measureLoad } from './figures/load.js';
import { measureProjectionLag } from './figures/projection-lag.js';
import { measureTimeTravel } from './figures/time-travel.js';
import type { FigureResult } from './figures/result.js';
import { judgeGoals } from './goals.js';
import { describeMachine, sampleLoad, waitForIdle } from './machine.js';
import { fullPlan, quickPlan, type Plan } from './plan.js';
import { formatTable } from './report-table.js';
import { LATEST, writeResults, type BenchResults } from './results-file.js';
import { setUp, type BenchSetup } from './setup.js';
import { warmContenders, warmDynamoDbLocal } from './warmup.js';

const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

const measure = async (setup: BenchSetup, plan: Plan): Promise<FigureResult[]> => {
  const { contenders } = setup;
  // Castore with its natural payload (no metadata) joins the figures that compare what is stored.
  const writers = [...contenders, setup.natural];
  const figures = measureItemSizes(writers);
  log('append, one account, sequential');
  figures.push(...(await measureSequentialAppend(writers, plan.append)));
  log('append, many accounts, concurrent');
  figures.push(...(await measureConcurrentAppend(writers, plan.append)));
  log('load');
  const snapshotLoader = setup.ledger.withSnapshots(loadConfig({}).snapshotEvery);
  figures.push(...(await measureLoad([...contenders, snapshotLoader], plan.load)));
  log('time travel');
  const config = loadConfig(setup.env);
  const { history, snapshots } = buildDependencies(config);
  const write = (events: Parameters<typeof setup.ledger.write>[0]) => setup.ledger.write(events);
  const travel = { history, snapshots, write, every: config.snapshotEvery };
  figures.push(...(await measureTimeTravel(travel, plan.timeTravel)));
  log('full command');
  const commanders = [...contenders, setup.ledgerWithoutCache];
  figures.push(...(await measureCommands(commanders, plan.command, setup.commandNotes)));
  log('capacity per command (ReturnConsumedCapacity TOTAL)');
  figures.push(...(await measureCapacity([...commanders, setup.natural], plan.capacity)));
  log('projection lag');
  figures.push(...(await measureProjectionLag(plan.projection, setup.env)));
  log('bundles and cold imports');
  const seed = (accountId: string) => setup.ledger.seed(accountId, 1);
  const bundles = { coldRuns: plan.coldRuns, env: setup.env, seed };
  figures.push(
    ...(await measureBundles(plan.bundles ? { ...bundles, only: plan.bundles } : bundles)),
  );
  return figures;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
  });
  const plan = values.quick ? quickPlan : fullPlan;
  installCapacityMeter();
  const started = performance.now();
  const date = new Date().toISOString();
  log(values.quick ? 'quick smoke pass: the numbers mean nothing' : 'full run');
  const setup = await setUp();
  try {
    log(`DynamoDB Local at ${setup.dynamo.endpoint}; waiting for an idle machine`);
    const idle = await waitForIdle(plan.idleWaitMs);
    log(`${idle.idle ? 'idle' : 'still busy'} (${(idle.busy * 100).toFixed(0)} % busy)`);
    log(`warming DynamoDB Local up with ${plan.warmupPuts} puts`);
    await warmDynamoDbLocal(setup.raw, 'bench-warmup', plan.warmupPuts);
    await warmContenders([...setup.contenders, setup.natural], plan.warmupAppendsPerContender);
    const load = sampleLoad();
    const figures = await measure(setup, plan);
    const loadAverage = load.stop();
    const machine = await describeMachine();
    const results: BenchResults = {
      run: {
        date,
        quick: values.quick,
        durationSeconds: Math.round((performance.now() - started) / 1000),
        node: machine.node,
        dynamoDbLocal: machine.dynamoDbLocal,
        machine,
        idle,
        loadAverage,
      },
      figures,
      goals: judgeGoals(figures),
    };
    process.stdout.write(`${formatTable(results)}\n`);
    if (values.json !== undefined) {
      await writeResults(values.json, results);
    }
    if (!values.quick) {
      await writeResults(LATEST, results);
      log(`wrote ${LATEST}; run \`tsx bench/report.ts\` to regenerate docs/benchmarks.*`);
    }
  } finally {
    await setup.close();
  }
};

await main();
