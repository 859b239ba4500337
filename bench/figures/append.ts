import { newAccountId, type Contender } from '../contenders/contender.js';
import { alternate, timed } from '../harness.js';
import { figureResults, type FigureResult } from './result.js';

export interface AppendPlan {
  readonly blocks: number;
  /** Appends per contender per block on one account, one after another. */
  readonly sequentialEvents: number;
  readonly accounts: number;
  readonly eventsPerAccount: number;
  readonly concurrency: number;
}

interface BlockSample {
  readonly eventsPerSecond: number;
  readonly latencies: readonly number[];
}

const split = (
  samples: ReadonlyMap<string, readonly BlockSample[]>,
): { throughput: Map<string, number[]>; latency: Map<string, number[]> } => ({
  throughput: new Map([...samples].map(([name, s]) => [name, s.map((b) => b.eventsPerSecond)])),
  latency: new Map([...samples].map(([name, s]) => [name, s.flatMap((b) => b.latencies)])),
});

const sequentialBlock = async (contender: Contender, events: number): Promise<BlockSample[]> => {
  const accountId = newAccountId();
  const latencies: number[] = [];
  const start = performance.now();
  for (let version = 0; version < events; version += 1) {
    latencies.push(await timed(() => contender.append(accountId, version)));
  }
  return [{ eventsPerSecond: (events * 1000) / (performance.now() - start), latencies }];
};

/** Each worker owns every `concurrency`-th account, so two appends never race for one stream. */
const concurrentBlock = async (contender: Contender, plan: AppendPlan): Promise<BlockSample[]> => {
  const accounts = Array.from({ length: plan.accounts }, newAccountId);
  const latencies: number[] = [];
  const worker = async (first: number): Promise<void> => {
    for (let version = 0; version < plan.eventsPerAccount; version += 1) {
      for (let index = first; index < accounts.length; index += plan.concurrency) {
        const accountId = accounts[index] ?? '';
        latencies.push(await timed(() => contender.append(accountId, version)));
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: plan.concurrency }, (_, first) => worker(first)));
  const events = plan.accounts * plan.eventsPerAccount;
  return [{ eventsPerSecond: (events * 1000) / (performance.now() - start), latencies }];
};

/** Append, one account, sequential: events/s per block and ms per append. */
export const measureSequentialAppend = async (
  contenders: readonly Contender[],
  plan: AppendPlan,
): Promise<FigureResult[]> => {
  const samples = await alternate(contenders, plan.blocks, (c) =>
    sequentialBlock(c, plan.sequentialEvents),
  );
  const { throughput, latency } = split(samples);
  return [
    ...figureResults('append, 1 account, sequential', 'events/s', throughput),
    ...figureResults('append latency, 1 account, sequential', 'ms', latency),
  ];
};

/** Append, many accounts at a fixed concurrency: events/s per block and ms per append. */
export const measureConcurrentAppend = async (
  contenders: readonly Contender[],
  plan: AppendPlan,
): Promise<FigureResult[]> => {
  const samples = await alternate(contenders, plan.blocks, (c) => concurrentBlock(c, plan));
  const { throughput, latency } = split(samples);
  const label = `${plan.accounts} accounts, concurrency ${plan.concurrency}`;
  return [
    ...figureResults(`append, ${label}`, 'events/s', throughput),
    ...figureResults(`append latency, ${label}`, 'ms', latency),
  ];
};
