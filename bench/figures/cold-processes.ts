import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { depositEvent } from '../contenders/ledger-handler.js';

const run = promisify(execFile);

type Env = Readonly<Record<string, string>>;

// Imported by absolute path in a fresh process; the time excludes Node's own start-up.
const IMPORT_SCRIPT =
  'const start = performance.now(); await import(process.argv[1]); ' +
  'process.stdout.write(String(performance.now() - start)); process.exit(0);';

// Imports the bundle, then hands it one API Gateway event, as the Lambda runtime does on a cold
// start; the two times are apart. The last stdout line is the result (logs are silenced).
const COLD_START_SCRIPT = `
const [file, name, eventJson] = process.argv.slice(1);
const start = performance.now();
const { handler } = await import(file);
const imported = performance.now();
const event = JSON.parse(eventJson);
const context = {
  functionName: name, functionVersion: '$LATEST', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + name,
  awsRequestId: event.requestContext.requestId, logGroupName: '/aws/lambda/' + name,
  logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {},
};
const response = await handler(event, context);
const invoked = performance.now();
if (response?.statusCode !== 200) {
  process.stderr.write('answered ' + JSON.stringify(response));
  process.exit(1);
}
process.stdout.write('\\n' + JSON.stringify({ importMs: imported - start, invokeMs: invoked - imported }));
process.exit(0);
`;

const node = (script: string, args: readonly string[], env: Env) =>
  run(process.execPath, ['--input-type=module', '-e', script, ...args], {
    env: { ...process.env, ...env },
    timeout: 30_000,
  });

/** `await import(file)` timed in a fresh `node` process, in ms. */
export const coldImport = async (file: string, env: Env): Promise<number> =>
  Number((await node(IMPORT_SCRIPT, [file], env)).stdout);

/** One cold start: a fresh process imports the bundle and serves `deposit` on `accountId`. */
export const coldStart = async (
  file: string,
  functionName: string,
  accountId: string,
  env: Env,
): Promise<{ importMs: number; invokeMs: number }> => {
  const event = depositEvent(accountId, `bench-cold-${accountId}`);
  const { stdout } = await node(
    COLD_START_SCRIPT,
    [file, functionName, JSON.stringify(event)],
    env,
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as { importMs: number; invokeMs: number };
};

/** The external `@aws-sdk/*` modules an output imports statically (at its own import). */
export const staticSdkImports = (metafile: Metafile, outfile: string): string[] => {
  const output = Object.entries(metafile.outputs).find(([path]) => resolve(path) === outfile);
  const paths = (output?.[1].imports ?? [])
    .filter((entry) => entry.kind === 'import-statement' && entry.path.startsWith('@aws-sdk/'))
    .map((entry) => entry.path);
  return [...new Set(paths)].sort();
};

/**
 * Writes the floor of a bundle's cold import: a module that imports exactly the SDK modules the
 * bundle imports statically and nothing else, resolved from the same folder as the bundle.
 */
export const writeFloorModule = async (file: string, modules: readonly string[]): Promise<void> => {
  await writeFile(file, modules.map((name) => `import '${name}';\n`).join(''));
};
