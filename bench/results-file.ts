import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FigureResult } from './figures/result.js';
import type { GoalResult } from './goals.js';
import type { IdleWait, LoadSummary, Machine } from './machine.js';

/** One run, machine-readable: what `--json <file>` and bench/results/latest.json hold. */
export interface BenchResults {
  readonly run: {
    readonly date: string;
    readonly quick: boolean;
    readonly durationSeconds: number;
    readonly node: string;
    readonly dynamoDbLocal: string;
    readonly machine: Machine;
    readonly idle: IdleWait;
    /** The machine's 1-minute load average while measuring (above `cores`: others competed). */
    readonly loadAverage: LoadSummary;
  };
  readonly figures: readonly FigureResult[];
  readonly goals: readonly GoalResult[];
}

/** The committed results the README table and plot are generated from. */
export const LATEST = 'bench/results/latest.json';

export const writeResults = async (file: string, results: BenchResults): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
};

export const readResults = async (file: string): Promise<BenchResults> =>
  JSON.parse(await readFile(file, 'utf8')) as BenchResults;
