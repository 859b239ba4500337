import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { routes, streamConsumer } from '../../lib/function-specs.js';
import { newAccountId } from '../contenders/contender.js';
import { summarize } from '../harness.js';
import { bundle, type Bundle } from './bundle-build.js';
import { coldImport, coldStart, writeFloorModule } from './cold-processes.js';
import { figureResults, unavailable, type FigureResult } from './result.js';

export interface BundlePlan {
  /** Fresh Node processes per bundle for the cold import time. */
  readonly coldRuns: number;
  /** Only these functions (by id), for the quick pass; every function when omitted. */
  readonly only?: readonly string[];
  /** Environment the handlers read at import (endpoint, table prefix, key strategy...). */
  readonly env: Readonly<Record<string, string>>;
  /** Opens an account in the bench's tables, for the cold start's first deposit. */
  readonly seed?: (accountId: string) => Promise<void>;
}

/** The command function whose whole cold start (import, then its first request) is measured. */
export const COLD_START_FUNCTION = 'DepositMoney';

const handlers = (only: readonly string[] | undefined): { id: string; handler: string }[] =>
  [...routes, streamConsumer]
    .filter(({ id }) => only === undefined || only.includes(id))
    .map(({ id, handler }) => ({ id, handler }));

interface Built {
  readonly id: string;
  readonly outfile: string;
  readonly bundle: Bundle;
}

const buildAll = async (plan: BundlePlan, dir: string) => {
  const built: Built[] = [];
  const missing: FigureResult[] = [];
  for (const { id, handler } of handlers(plan.only)) {
    const entry = resolve('lambdas/handlers', `${handler}.ts`);
    if (!existsSync(entry)) {
      const note = `lambdas/handlers/${handler}.ts does not exist yet`;
      missing.push(unavailable('ledger', `bundle size, ${id}`, 'bytes', note));
      missing.push(unavailable('ledger', `cold import, ${id}`, 'ms', note));
      continue;
    }
    const outfile = join(dir, `${handler}.mjs`);
    built.push({ id, outfile, bundle: await bundle(entry, outfile) });
  }
  return { built, missing };
};

interface Floor {
  readonly file: string;
  readonly modules: readonly string[];
  readonly times: number[];
}

/** One floor module per distinct set of static SDK imports (most bundles share one). */
const floorsOf = async (built: readonly Built[], dir: string): Promise<Map<string, Floor>> => {
  const floors = new Map<string, Floor>();
  for (const { bundle } of built) {
    const key = bundle.sdkImports.join(' + ');
    if (!floors.has(key)) {
      const file = join(dir, `floor-${floors.size}.mjs`);
      await writeFloorModule(file, bundle.sdkImports);
      floors.set(key, { file, modules: bundle.sdkImports, times: [] });
    }
  }
  return floors;
};

const ms = (value: number | undefined): string => (value === undefined ? '?' : value.toFixed(1));

/** The bundle's cold import beside its floor, and what its own code adds to the floor. */
const importFigures = (figure: string, times: readonly number[], floor: Floor | undefined) => {
  if (floor === undefined) {
    return figureResults(figure, 'ms', new Map([['ledger', times]]));
  }
  const own = (summarize(times).median ?? 0) - (summarize(floor.times).median ?? 0);
  return figureResults(
    figure,
    'ms',
    new Map([
      ['floor', floor.times],
      ['ledger', times],
    ]),
    {
      floor: `a fresh process importing only what the bundle imports statically: ${floor.modules.join(', ')}`,
      ledger: `own code and bundled packages: ${ms(own)} ms over the floor (median minus median)`,
    },
  );
};

interface ColdStarts {
  readonly imports: number[];
  readonly invokes: number[];
}

const coldStartFigures = (starts: ColdStarts, floor: Floor | undefined): FigureResult[] => [
  ...importFigures(`cold start, ${COLD_START_FUNCTION}: import`, starts.imports, floor),
  ...figureResults(
    `cold start, ${COLD_START_FUNCTION}: first deposit`,
    'ms',
    new Map([['ledger', starts.invokes]]),
    {
      ledger: `the first request after that import, in the same fresh process: its DynamoDB client's first connection, the account's load and the conditional put; median total ${ms((summarize(starts.imports).median ?? 0) + (summarize(starts.invokes).median ?? 0))} ms`,
    },
  ),
];

/**
 * Each Lambda's minified bundle size (bytes, without its source map) and its cold import time:
 * a fresh `node` process timing `await import(bundle)` with performance.now, median of several,
 * beside its floor: a fresh process importing only the SDK modules the bundle imports statically.
 * One command function's whole cold start is timed too: import, then its first deposit against
 * the bench's tables. Every round runs each bundle, each floor and the cold start once, so a
 * burst of other work hits them all alike.
 */
export const measureBundles = async (plan: BundlePlan): Promise<FigureResult[]> => {
  // Inside the repository, so modules left external (the AWS SDK, which the Lambda runtime ships)
  // resolve from node_modules at import, as they do from the runtime's own node_modules.
  const cache = resolve('node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'ledger-bench-bundles-'));
  try {
    const { built, missing } = await buildAll(plan, dir);
    const floors = await floorsOf(built, dir);
    const floorOf = (b: Built) => floors.get(b.bundle.sdkImports.join(' + '));
    const times = new Map(built.map(({ id }) => [id, [] as number[]]));
    const starter = built.find(({ id }) => id === COLD_START_FUNCTION);
    const starts: ColdStarts = { imports: [], invokes: [] };
    for (let run = 0; run < plan.coldRuns; run += 1) {
      for (const { id, outfile } of built) {
        times.get(id)?.push(await coldImport(outfile, plan.env));
      }
      for (const floor of floors.values()) {
        floor.times.push(await coldImport(floor.file, plan.env));
      }
      if (starter && plan.seed) {
        const accountId = newAccountId();
        await plan.seed(accountId);
        const { importMs, invokeMs } = await coldStart(
          starter.outfile,
          starter.id,
          accountId,
          plan.env,
        );
        starts.imports.push(importMs);
        starts.invokes.push(invokeMs);
      }
    }
    return [
      ...built.flatMap((b) => [
        ...figureResults(`bundle size, ${b.id}`, 'bytes', new Map([['ledger', [b.bundle.bytes]]]), {
          ledger: b.bundle.largest,
        }),
        ...importFigures(`cold import, ${b.id}`, times.get(b.id) ?? [], floorOf(b)),
      ]),
      ...(starter && plan.seed ? coldStartFigures(starts, floorOf(starter)) : []),
      ...missing,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
