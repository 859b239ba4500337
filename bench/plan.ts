import type { AppendPlan } from './figures/append.js';
import type { CommandPlan } from './figures/command.js';
import type { LoadPlan } from './figures/load.js';

/** How much of everything one run does. */
export interface Plan {
  readonly idleWaitMs: number;
  readonly warmupPuts: number;
  readonly warmupAppendsPerContender: number;
  readonly append: AppendPlan;
  readonly load: LoadPlan;
  readonly command: CommandPlan;
  readonly projectionCommands: number;
  readonly coldRuns: number;
}

/**
 * The full run: 6 blocks (= 3!, so each contender takes each position twice), sized to finish in
 * about 10 minutes on the 2-core reference machine.
 */
export const fullPlan: Plan = {
  idleWaitMs: 60_000,
  warmupPuts: 15_000,
  warmupAppendsPerContender: 300,
  append: {
    blocks: 6,
    sequentialEvents: 300,
    accounts: 100,
    eventsPerAccount: 10,
    concurrency: 16,
  },
  // Four loaders (Ledger with and without snapshots): 8 blocks put each in each position twice.
  load: { blocks: 8, loads: { 100: 25, 1000: 8, 10000: 2 } },
  command: { blocks: 6, commands: 150 },
  projectionCommands: 100,
  coldRuns: 7,
};

/** A smoke pass for CI: every code path once, numbers meaningless. */
export const quickPlan: Plan = {
  idleWaitMs: 3_000,
  warmupPuts: 500,
  warmupAppendsPerContender: 10,
  append: { blocks: 1, sequentialEvents: 20, accounts: 20, eventsPerAccount: 2, concurrency: 16 },
  load: { blocks: 1, loads: { 100: 2, 1000: 1 } },
  command: { blocks: 1, commands: 10 },
  projectionCommands: 5,
  coldRuns: 1,
};
