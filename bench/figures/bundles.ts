import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { bundlingOptions } from '../../lib/bundling-options.js';
import { routes, streamConsumer } from '../../lib/function-specs.js';
import { figureResults, unavailable, type FigureResult } from './result.js';

const run = promisify(execFile);

export interface BundlePlan {
  /** Fresh Node processes per bundle for the cold import time. */
  readonly coldRuns: number;
  /** Only these functions (by id), for the quick pass; every function when omitted. */
  readonly only?: readonly string[];
  /** Environment the handlers read at import (endpoint, table prefix, key strategy...). */
  readonly env: Readonly<Record<string, string>>;
}

// Imported by absolute path in a fresh process; the time excludes Node's own start-up.
const IMPORT_SCRIPT =
  'const start = performance.now(); await import(process.argv[1]); ' +
  'process.stdout.write(String(performance.now() - start)); process.exit(0);';

interface Bundle {
  readonly bytes: number;
  /** The biggest contributors, e.g. "@aws-sdk/client-kms 210 KB", for whoever trims the bundle. */
  readonly largest: string;
}

const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'own code';
};

const largestInputs = (metafile: Metafile, outfile: string): string => {
  const output = Object.entries(metafile.outputs).find(([path]) => resolve(path) === outfile);
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {})) {
    bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, size]) => `${name} ${Math.round(size / 1000)} KB`)
    .join(', ');
};

/** Bundles one handler exactly as the CDK stack does (lib/bundling-options.ts). */
const bundle = async (entry: string, outfile: string): Promise<Bundle> => {
  const { metafile } = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: bundlingOptions.platform,
    target: bundlingOptions.target,
    format: bundlingOptions.format,
    minify: bundlingOptions.minify,
    sourcemap: bundlingOptions.sourcemap,
    treeShaking: bundlingOptions.treeShaking,
    mainFields: [...bundlingOptions.mainFields],
    banner: { js: bundlingOptions.banner },
    external: [...bundlingOptions.externalModules],
    logLevel: 'silent',
    metafile: true,
  });
  return { bytes: (await stat(outfile)).size, largest: largestInputs(metafile, outfile) };
};

const coldImport = async (file: string, env: BundlePlan['env']): Promise<number> => {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_SCRIPT, file],
    { env: { ...process.env, ...env }, timeout: 30_000 },
  );
  return Number(stdout);
};

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

/**
 * Each Lambda's minified bundle size (bytes, without its source map) and its cold import time:
 * a fresh `node` process timing `await import(bundle)` with performance.now, median of several.
 * Imports go round-robin over the bundles, so a burst of other work hits every bundle alike.
 */
export const measureBundles = async (plan: BundlePlan): Promise<FigureResult[]> => {
  // Inside the repository, so modules left external (the AWS SDK, which the Lambda runtime ships)
  // resolve from node_modules at import, as they do from the runtime's own node_modules.
  const cache = resolve('node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'ledger-bench-bundles-'));
  try {
    const { built, missing } = await buildAll(plan, dir);
    const times = new Map(built.map(({ id }) => [id, [] as number[]]));
    for (let run = 0; run < plan.coldRuns; run += 1) {
      for (const { id, outfile } of built) {
        times.get(id)?.push(await coldImport(outfile, plan.env));
      }
    }
    return [
      ...built.flatMap(({ id, bundle: { bytes, largest } }) => [
        ...figureResults(`bundle size, ${id}`, 'bytes', new Map([['ledger', [bytes]]]), {
          ledger: largest,
        }),
        ...figureResults(`cold import, ${id}`, 'ms', new Map([['ledger', times.get(id) ?? []]])),
      ]),
      ...missing,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
