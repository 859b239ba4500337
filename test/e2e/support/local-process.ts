import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// Node with tsx's loader, without the tsx CLI's signal relay: that relay SIGKILLs its child when the
// child does not acknowledge a signal within 30 ms (easily missed on a loaded machine), which would
// orphan DynamoDB Local and make these tests flaky (docs/adr/0043).
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

/** `npm start` as a child process (node + tsx loader running bin/local.ts). */
export interface LocalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Sends a signal and answers the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface LocalProcessOptions {
  readonly port: number;
  readonly dynamoPort: number;
  readonly dataDir: string;
  readonly args?: readonly string[];
  /** Variables over this process's own (LOG_LEVEL is SILENT under vitest). */
  readonly env?: Readonly<Record<string, string>>;
}

const waitForUrl = (child: ChildProcess, read: () => string): Promise<string> =>
  new Promise((done, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`no "Ledger listening on" within 90 s:\n${read()}`));
    }, 90_000);
    const check = () => {
      const url = /Ledger listening on (http:\/\/\S+)/.exec(read())?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        done(url);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${String(code)} before listening:\n${read()}`));
    });
  });

/** Starts bin/local.ts with PORT, DYNAMODB_PORT and LEDGER_DATA_DIR and waits for its URL. */
export const spawnLocal = async (options: LocalProcessOptions): Promise<LocalProcess> => {
  let output = '';
  const args = ['--import', pathToFileURL(tsxLoader).href, 'bin/local.ts', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      DYNAMODB_PORT: String(options.dynamoPort),
      LEDGER_DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      done(code);
    });
  });
  const url = await waitForUrl(child, () => output);
  return {
    url,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
};

/** Process ids of the DynamoDB Local JVMs listening on a port (from `ps`). */
export { dynamoDbLocalPidsOn as dynamoDbLocalPids } from '../../../local/dynamodb-local-owner.js';
