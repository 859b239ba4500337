import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { unavailable, type FigureResult } from './result.js';

export const PROJECTION_LAG = 'projection lag (command response -> read row)';

/** Projection lag through the local runtime's stream poller. */
export const measureProjectionLag = async (commands: number): Promise<FigureResult[]> => {
  if (!existsSync(resolve('local/runtime.ts'))) {
    return [unavailable('ledger', PROJECTION_LAG, 'ms', 'local/runtime.ts does not exist yet')];
  }
  await Promise.resolve(commands);
  return [unavailable('ledger', PROJECTION_LAG, 'ms', 'not wired yet')];
};
