import { balanceAt, newAccountId, type Contender } from '../contenders/contender.js';
import { alternate, timed } from '../harness.js';
import { figureResults, type FigureResult } from './result.js';

/** What the load figure needs of a contender; a snapshot-backed Ledger loader is one too. */
export type Loader = Pick<Contender, 'seed' | 'load'> & { readonly name: string };

export interface LoadPlan {
  readonly blocks: number;
  /** Stream length -> loads per loader per block. */
  readonly loads: Readonly<Record<number, number>>;
}

export const loadFigure = (events: number): string => `load, ${events} events`;

const seedAll = async (
  loaders: readonly Loader[],
  sizes: readonly number[],
): Promise<Map<string, Map<number, string>>> => {
  const streams = new Map<string, Map<number, string>>();
  for (const loader of loaders) {
    const bySize = new Map<number, string>();
    for (const size of sizes) {
      const accountId = newAccountId();
      await loader.seed(accountId, size);
      bySize.set(size, accountId);
    }
    streams.set(loader.name, bySize);
  }
  return streams;
};

/** A load that folds to the wrong balance would measure less work than it claims: fail loudly. */
const checkedLoad = async (loader: Loader, accountId: string, size: number): Promise<void> => {
  const balance = await loader.load(accountId);
  if (balance !== balanceAt(size)) {
    throw new Error(`${loader.name} loaded ${balance} from ${size} events, not ${balanceAt(size)}`);
  }
};

/**
 * Load time of a stream of each length, for every loader, blocks alternating. Streams are seeded
 * once (batch writes) and loaded repeatedly; a load is a strongly consistent read of all events.
 */
export const measureLoad = async (
  loaders: readonly Loader[],
  plan: LoadPlan,
): Promise<FigureResult[]> => {
  const sizes = Object.keys(plan.loads).map(Number);
  const streams = await seedAll(loaders, sizes);
  const results: FigureResult[] = [];
  for (const size of sizes) {
    const times = await alternate(loaders, plan.blocks, async (loader) => {
      const accountId = streams.get(loader.name)?.get(size) ?? '';
      const latencies: number[] = [];
      for (let i = 0; i < (plan.loads[size] ?? 0); i += 1) {
        latencies.push(await timed(() => checkedLoad(loader, accountId, size)));
      }
      return latencies;
    });
    results.push(...figureResults(loadFigure(size), 'ms', times));
  }
  return results;
};
