/**
 * `npm run bench:profile`: where the client's CPU goes, Ledger beside the floor (raw conditional
 * PutItem). Profiles sequential appends through each store and warm deposit commands through the
 * Lambda handler with the V8 sampling profiler, writes the .cpuprofile files (open them in Chrome
 * DevTools) and prints each run's CPU per operation and its self time by package and function.
 */
import './quiet-lambdas.js';
import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../lib/bundling-options.js';
import { newAccountId, type Contender } from './contenders/contender.js';
import { loadDepositHandler } from './contenders/ledger-handler.js';
import { setUp } from './setup.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const OUT = resolve('bench/results/profiles');
const OPERATIONS = Number(process.env['PROFILE_OPERATIONS'] ?? 3000);
const TOP = 14;

const packageOf = (url: string): string => {
  if (url === '') {
    return '(native/gc)';
  }
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match?.[1]) {
    return match[1];
  }
  if (url.startsWith('node:')) {
    return 'node';
  }
  return url.includes('/lambdas/') || url.endsWith('deposit-money.mjs') ? 'ledger' : 'bench';
};

/** Self time (ms) by key over the whole profile. */
const selfTimes = (profile: Profile, key: (node: ProfileNode) => string): Map<string, number> => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (node?.callFrame.functionName === '(idle)') {
      return; // waiting on DynamoDB Local: not the client's CPU
    }
    const name = node ? key(node) : '(unknown)';
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return times;
};

const table = (times: Map<string, number>, operations: number): string =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, ms]) => `  ${((ms * 1000) / operations).toFixed(1).padStart(7)} us  ${name}`)
    .join('\n');

const frameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode): string =>
  `${functionName || '(anonymous)'} ${url.replace(/.*\/(node_modules|lambdas|profiles)\//, '$1/')}` +
  (url.endsWith('.mjs') ? `:${String(lineNumber + 1)}` : '');

const profiled = async (
  session: Session,
  name: string,
  operations: number,
  run: () => Promise<void>,
): Promise<void> => {
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  await writeFile(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
  const usPerOp = (used.user + used.system) / operations;
  console.log(`\n${name}: ${usPerOp.toFixed(0)} us CPU per operation (${operations} operations)`);
  console.log(' by package:');
  console.log(
    table(
      selfTimes(profile, (node) => packageOf(node.callFrame.url)),
      operations,
    ),
  );
  console.log(' by function:');
  console.log(table(selfTimes(profile, frameOf), operations));
};

const appends = (contender: Contender) => async (): Promise<void> => {
  const accountId = newAccountId();
  for (let version = 0; version < OPERATIONS; version += 1) {
    await contender.append(accountId, version);
  }
};

/**
 * The deposit-money handler as CDK bundles it (lib/bundling-options.ts), but not minified, so the
 * profile names our functions: the code Lambda runs, not tsx's transform of the sources.
 */
const deployedDeposit = async (env: Readonly<Record<string, string>>) => {
  const outfile = join(OUT, 'deposit-money.mjs');
  await build({
    ...esbuildOptions({ minify: false }),
    entryPoints: ['lambdas/handlers/deposit-money.ts'],
    outfile,
  });
  return await loadDepositHandler(env, outfile);
};

const main = async (): Promise<void> => {
  await mkdir(OUT, { recursive: true });
  const setup = await setUp();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  try {
    const floor = setup.contenders.find((contender) => contender.name === 'floor');
    for (const contender of [floor, setup.ledger]) {
      if (contender) {
        await appends(contender)(); // warm-up: JIT, sockets
        await profiled(session, `append-${contender.name}`, OPERATIONS, appends(contender));
      }
    }
    const command = await deployedDeposit(setup.env);
    if (typeof command === 'function') {
      const accountId = newAccountId();
      await setup.ledger.seed(accountId, 1);
      const deposits = async (): Promise<void> => {
        for (let index = 0; index < OPERATIONS; index += 1) {
          await command(accountId);
        }
      };
      await deposits();
      await profiled(session, 'warm-command-ledger', OPERATIONS, deposits);
    }
  } finally {
    session.disconnect();
    await setup.close();
  }
  console.log(`\nprofiles in ${OUT}`);
};

await main();
