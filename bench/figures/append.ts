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
  /** This process's CPU time per append (user + system): the client's own cost, JVM excluded. */
  readonly cpuMsPerEvent: number;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

const split = (samples: ReadonlyMap<string, readonly BlockSample[]>) => ({
  throughput: new Map([...samples].map(([name, s]) => [name, s.map((b) => b.eventsPerSecond)])),
  latency: new Map([...samples].map(([name, s]) => [name, s.flatMap((b) => b.latencies)])),
  cpu: new Map([...samples].map(([name, s]) => [name, s.map((b) => b.cpuMsPerEvent)])),
});

const sequentialBlock = async (contender: Contender, events: number): Promise<BlockSample[]> => {
  const accountId = newAccountId();
  const latencies: number[] = [];
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let version = 0; version < events; version += 1) {
    latencies.push(await timed(() => contender.append(accountId, version)));
  }
  const elapsed = performance.now() - start;
  return [
    { eventsPerSecond: (events * 1000) / elapsed, latencies, cpuMsPerEvent: cpuMs(cpu) / events },
  ];
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
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: plan.concurrency }, (_, first) => worker(first)));
  const events = plan.accounts * plan.eventsPerAccount;
  const eventsPerSecond = (events * 1000) / (performance.now() - start);
  return [{ eventsPerSecond, latencies, cpuMsPerEvent: cpuMs(cpu) / events }];
};

/** Append, one account, sequential: events/s per block and ms per append. */
export const measureSequentialAppend = async (
  contenders: readonly Contender[],
  plan: AppendPlan,
): Promise<FigureResult[]> => {
  const samples = await alternate(contenders, plan.blocks, (c) =>
    sequentialBlock(c, plan.sequentialEvents),
  );
  const { throughput, latency, cpu } = split(samples);
  return [
    ...figureResults('append, 1 account, sequential', 'events/s', throughput),
    ...figureResults('append latency, 1 account, sequential', 'ms', latency),
    ...figureResults('append client CPU per event, 1 account, sequential', 'ms', cpu),
  ];
};

/** Append, many accounts at a fixed concurrency: events/s per block and ms per append. */
export const measureConcurrentAppend = async (
  contenders: readonly Contender[],
  plan: AppendPlan,
): Promise<FigureResult[]> => {
  const samples = await alternate(contenders, plan.blocks, (c) => concurrentBlock(c, plan));
  const { throughput, latency, cpu } = split(samples);
  const label = `${plan.accounts} accounts, concurrency ${plan.concurrency}`;
  return [
    ...figureResults(`append, ${label}`, 'events/s', throughput),
    ...figureResults(`append latency, ${label}`, 'ms', latency),
    ...figureResults(`append client CPU per event, ${label}`, 'ms', cpu),
  ];
};
