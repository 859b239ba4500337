import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundlingOptions } from '../../lib/bundling-options.js';
import { routes, streamConsumer } from '../../lambdas/http/routes.js';
import { figureResults, unavailable, type FigureResult } from './result.js';

const run = promisify(execFile);

export interface BundlePlan {
  /** Fresh Node processes per bundle for the cold import time. */
  readonly coldRuns: number;
  /** Environment the handlers read at import (endpoint, table prefix, key strategy...). */
  readonly env: Readonly<Record<string, string>>;
}

// Imported by absolute path in a fresh process; the time excludes Node's own start-up.
const IMPORT_SCRIPT =
  'const start = performance.now(); await import(process.argv[1]); ' +
  'process.stdout.write(String(performance.now() - start)); process.exit(0);';

/** Bundles one handler exactly as the CDK stack does (lib/bundling-options.ts). */
const bundle = async (entry: string, outfile: string): Promise<number> => {
  await build({
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
  });
  return (await stat(outfile)).size;
};

const coldImport = async (file: string, env: BundlePlan['env']): Promise<number> => {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_SCRIPT, file],
    { env: { ...process.env, ...env }, timeout: 30_000 },
  );
  return Number(stdout);
};

const handlers = (): { id: string; handler: string }[] =>
  [...routes, streamConsumer].map(({ id, handler }) => ({ id, handler }));

/**
 * Each Lambda's minified bundle size (bytes, without its source map) and its cold import time:
 * a fresh `node` process timing `await import(bundle)` with performance.now, median of several.
 */
export const measureBundles = async (plan: BundlePlan): Promise<FigureResult[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-bundles-'));
  const results: FigureResult[] = [];
  try {
    for (const { id, handler } of handlers()) {
      const entry = resolve('lambdas/handlers', `${handler}.ts`);
      if (!existsSync(entry)) {
        const note = `lambdas/handlers/${handler}.ts does not exist yet`;
        results.push(unavailable('ledger', `bundle size, ${id}`, 'bytes', note));
        results.push(unavailable('ledger', `cold import, ${id}`, 'ms', note));
        continue;
      }
      const outfile = join(dir, `${handler}.mjs`);
      const size = await bundle(entry, outfile);
      const times: number[] = [];
      for (let i = 0; i < plan.coldRuns; i += 1) {
        times.push(await coldImport(outfile, plan.env));
      }
      results.push(...figureResults(`bundle size, ${id}`, 'bytes', new Map([['ledger', [size]]])));
      results.push(...figureResults(`cold import, ${id}`, 'ms', new Map([['ledger', times]])));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
};
