import { balanceAt, newAccountId, type Contender } from '../contenders/contender.js';
import { alternate, timed } from '../harness.js';
import { figureResults, unavailable, type FigureResult } from './result.js';

export interface CommandPlan {
  readonly blocks: number;
  /** Deposits per contender per block, one after another on a freshly opened account. */
  readonly commands: number;
}

const THROUGHPUT = 'full deposit command (load + decide + append)';
const LATENCY = 'full deposit command latency';

type Runner = Contender & { readonly command: (accountId: string) => Promise<void> };

const commandBlock = async (contender: Runner, commands: number) => {
  const accountId = newAccountId();
  await contender.seed(accountId, 1);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < commands; i += 1) {
    latencies.push(await timed(() => contender.command(accountId)));
  }
  const elapsed = performance.now() - start;
  const balance = await contender.load(accountId);
  if (balance !== balanceAt(commands + 1)) {
    throw new Error(`${contender.name} commands left a balance of ${balance}`);
  }
  return [{ perSecond: (commands * 1000) / elapsed, latencies }];
};

/**
 * A whole deposit command per contender: Ledger's runs through its Lambda handler (HTTP event in,
 * response out, snapshot check included); the floor and Castore do the same load/decide/append.
 */
export const measureCommands = async (
  contenders: readonly Contender[],
  plan: CommandPlan,
  notes: Readonly<Record<string, string>> = {},
): Promise<FigureResult[]> => {
  const runners = contenders.filter((c): c is Runner => c.command !== undefined);
  const samples = await alternate(runners, plan.blocks, (c) => commandBlock(c, plan.commands));
  const missing = contenders
    .filter((c) => c.command === undefined)
    .flatMap((c) => {
      const note = notes[c.name] ?? 'no command runner';
      return [
        unavailable(c.name, THROUGHPUT, 'commands/s', note),
        unavailable(c.name, LATENCY, 'ms', note),
      ];
    });
  const perSecond = new Map([...samples].map(([name, s]) => [name, s.map((b) => b.perSecond)]));
  const latency = new Map([...samples].map(([name, s]) => [name, s.flatMap((b) => b.latencies)]));
  return [
    ...figureResults(THROUGHPUT, 'commands/s', perSecond, notes),
    ...figureResults(LATENCY, 'ms', latency, notes),
    ...missing,
  ];
};
