import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { figureResults, unavailable, type FigureResult } from './result.js';

const run = promisify(execFile);

export const PROJECTION_LAG = 'projection lag (command response -> read row)';

export interface LagPlan {
  readonly commands: number;
  /** Deposits before measuring, to warm the runtime's own DynamoDB Local and code paths. */
  readonly warm: number;
}

const lagsOf = (stdout: string): number[] => {
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  const parsed = JSON.parse(last) as { lags?: unknown };
  if (!Array.isArray(parsed.lags) || !parsed.lags.every((lag) => typeof lag === 'number')) {
    throw new Error(`lag probe printed no lags: ${last}`);
  }
  return parsed.lags;
};

/** This process's environment without the benchmark handler's settings, and with logging off. */
const childEnv = (handlerEnv: Readonly<Record<string, string>>): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in handlerEnv))),
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

/**
 * Projection lag through the local runtime (its own DynamoDB Local with streams, HTTP server and
 * stream poller), measured in a child process: from a deposit's HTTP response to its Ledger row.
 */
export const measureProjectionLag = async (
  plan: LagPlan,
  handlerEnv: Readonly<Record<string, string>>,
): Promise<FigureResult[]> => {
  if (!existsSync(resolve('local/runtime.ts'))) {
    return [unavailable('ledger', PROJECTION_LAG, 'ms', 'local/runtime.ts does not exist yet')];
  }
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', resolve('bench/lag-probe.ts'), String(plan.commands), String(plan.warm)],
    { timeout: 5 * 60_000, maxBuffer: 16 * 1024 * 1024, env: childEnv(handlerEnv) },
  );
  const note =
    'local runtime: HTTP server + stream poller (woken when a handler returns, ADR 0161), ' +
    'reads polled every 2 ms';
  return figureResults(PROJECTION_LAG, 'ms', new Map([['ledger', lagsOf(stdout)]]), {
    ledger: note,
  });
};
