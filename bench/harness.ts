/** Median and p99 of a sample; both undefined when the sample is empty. */
export interface Summary {
  readonly median: number | undefined;
  readonly p99: number | undefined;
  readonly count: number;
}

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The middle value (the mean of the two middle values for an even count). */
export const median = (values: readonly number[]): number | undefined => {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  if (ordered.length === 0) {
    return undefined;
  }
  if (ordered.length % 2 === 1) {
    return ordered[middle];
  }
  const low = ordered[middle - 1] ?? 0;
  const high = ordered[middle] ?? 0;
  return (low + high) / 2;
};

/**
 * Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. With
 * fewer than 100 samples p99 is the maximum, which overstates a tail rather than hiding one.
 */
export const percentile = (values: readonly number[], p: number): number | undefined => {
  if (values.length === 0) {
    return undefined;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return sorted(values)[rank - 1];
};

export const summarize = (values: readonly number[]): Summary => ({
  median: median(values),
  p99: percentile(values, 99),
  count: values.length,
});

/** Whether a bigger number is better (events/s) or worse (ms, bytes). */
export type Direction = 'higher-is-better' | 'lower-is-better';

/**
 * How many times the floor's cost a value is: ms / floor ms, or floor events/s / events/s. So 1.0
 * is the floor, and 1.15 reads "15 % slower than the floor" for latencies and throughputs alike.
 */
export const ratioToFloor = (
  value: number | undefined,
  floor: number | undefined,
  direction: Direction,
): number | undefined => {
  if (value === undefined || floor === undefined || value <= 0 || floor <= 0) {
    return undefined;
  }
  return direction === 'lower-is-better' ? value / floor : floor / value;
};

/**
 * The contenders' order in each block: block b rotates the list by b, and every other round of n
 * blocks runs reversed. Over 2n blocks each contender holds each position exactly twice (for three
 * contenders that is all six orders), so a warming or cooling machine favours none.
 */
export const blockOrders = <T>(items: readonly T[], blocks: number): T[][] =>
  Array.from({ length: blocks }, (_, block) => {
    const shift = block % Math.max(1, items.length);
    const rotated = [...items.slice(shift), ...items.slice(0, shift)];
    return Math.floor(block / Math.max(1, items.length)) % 2 === 1 ? rotated.reverse() : rotated;
  });

/** Runs `task` and returns how long it took in milliseconds (monotonic clock). */
export const timed = async (task: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await task();
  return performance.now() - start;
};

/** Runs `count` tasks with at most `concurrency` in flight; returns each task's latency (ms). */
export const runPool = async (
  count: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<number[]> => {
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      latencies.push(await timed(() => task(index)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
};

/**
 * Runs `work` once per contender per block, in each block's order from `blockOrders`, and collects
 * what each run returned under the contender's name. Runs never overlap: the machine has 2 cores.
 */
export const alternate = async <C extends { readonly name: string }, S>(
  contenders: readonly C[],
  blocks: number,
  work: (contender: C, block: number) => Promise<readonly S[]>,
): Promise<Map<string, S[]>> => {
  const samples = new Map<string, S[]>(contenders.map((c) => [c.name, []]));
  for (const [block, order] of blockOrders(contenders, blocks).entries()) {
    for (const contender of order) {
      samples.get(contender.name)?.push(...(await work(contender, block)));
    }
  }
  return samples;
};
