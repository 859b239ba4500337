import { meter } from '../capacity-meter.js';
import { newAccountId, type Contender } from '../contenders/contender.js';
import { figureResults, type FigureResult } from './result.js';

/**
 * DynamoDB on-demand list prices in US East (N. Virginia), from
 * https://aws.amazon.com/dynamodb/pricing/on-demand/ as stated on 2026-12-01 (after the
 * November 2024 reduction): USD 0.625 per million write request units and USD 0.125 per million
 * read request units. Standard table class; storage, streams and backups are not included.
 */
export const PRICES = {
  date: '2026-12-01',
  perMillionWrite: 0.625,
  perMillionRead: 0.125,
} as const;

export interface CapacityPlan {
  /** Events already in each account when the commands start. */
  readonly history: number;
  readonly commands: number;
}

/**
 * Write and read units per deposit command, as DynamoDB Local reports them with
 * ReturnConsumedCapacity TOTAL, and what a million such commands cost at list prices. Each
 * contender runs its commands one after another on one account of `history` events.
 */
export const measureCapacity = async (
  contenders: readonly Contender[],
  plan: CapacityPlan,
): Promise<FigureResult[]> => {
  const writes = new Map<string, number[]>();
  const reads = new Map<string, number[]>();
  const costs = new Map<string, number[]>();
  for (const contender of contenders) {
    const command = contender.command;
    if (command === undefined) {
      continue;
    }
    const accountId = newAccountId();
    await contender.seed(accountId, plan.history);
    const used = await meter(async () => {
      for (let i = 0; i < plan.commands; i += 1) {
        await command(accountId);
      }
    });
    const write = used.write / plan.commands;
    const read = used.read / plan.commands;
    writes.set(contender.name, [write]);
    reads.set(contender.name, [read]);
    costs.set(contender.name, [write * PRICES.perMillionWrite + read * PRICES.perMillionRead]);
  }
  const note = `on-demand list prices of ${PRICES.date}, us-east-1: $${String(PRICES.perMillionWrite)}/M WRU, $${String(PRICES.perMillionRead)}/M RRU`;
  const notes = { floor: note };
  return [
    ...figureResults('write units per command', 'units', writes),
    ...figureResults('read units per command', 'units', reads),
    ...figureResults('cost per million commands', 'USD', costs, notes),
  ];
};
