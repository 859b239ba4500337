import type { AppendPlan } from './figures/append.js';
import type { CapacityPlan } from './figures/capacity.js';
import type { CommandPlan } from './figures/command.js';
import type { LoadPlan } from './figures/load.js';
import type { LagPlan } from './figures/projection-lag.js';
import type { TimeTravelPlan } from './figures/time-travel.js';

/** How much of everything one run does. */
export interface Plan {
  readonly idleWaitMs: number;
  readonly warmupPuts: number;
  readonly warmupAppendsPerContender: number;
  readonly append: AppendPlan;
  readonly load: LoadPlan;
  readonly timeTravel: TimeTravelPlan;
  readonly command: CommandPlan;
  readonly capacity: CapacityPlan;
  readonly projection: LagPlan;
  readonly coldRuns: number;
  /** Functions whose bundles are measured; all when omitted. */
  readonly bundles?: readonly string[];
}

/**
 * The full run: 12 blocks for three or four contenders (each takes each position four times; many short
 * blocks spread a neighbour's burst of CPU over all of them), sized to take about 4 minutes on the
 * idle 2-core reference machine (about 3 times that when other work competes for the cores).
 */
export const fullPlan: Plan = {
  idleWaitMs: 180_000,
  warmupPuts: 15_000,
  warmupAppendsPerContender: 300,
  append: {
    blocks: 12,
    sequentialEvents: 300,
    accounts: 100,
    eventsPerAccount: 10,
    concurrency: 16,
  },
  // Four loaders (Ledger with and without snapshots): 8 blocks put each in each position twice.
  load: { blocks: 8, loads: { 100: 40, 1000: 15, 10000: 4 } },
  // Both readers take each position four times; a read costs about what a snapshot load does.
  timeTravel: { blocks: 8, reads: 20, events: 10_000 },
  command: { blocks: 12, commands: 200 },
  // Capacity is counted, not timed: one pass per contender on an account of 10 events.
  capacity: { history: 10, commands: 50 },
  projection: { commands: 200, warm: 200 },
  coldRuns: 9,
};

/** A smoke pass for CI: every code path once, numbers meaningless. */
export const quickPlan: Plan = {
  idleWaitMs: 3_000,
  warmupPuts: 500,
  warmupAppendsPerContender: 10,
  append: { blocks: 1, sequentialEvents: 20, accounts: 20, eventsPerAccount: 2, concurrency: 16 },
  load: { blocks: 1, loads: { 100: 2, 1000: 1 } },
  timeTravel: { blocks: 1, reads: 2, events: 1_000 },
  command: { blocks: 1, commands: 10 },
  capacity: { history: 3, commands: 5 },
  projection: { commands: 5, warm: 5 },
  coldRuns: 1,
  bundles: ['DepositMoney', 'StreamConsumer'],
};
