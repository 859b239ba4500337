import { describe, expect, it } from 'vitest';
import {
  alternate,
  blockOrders,
  median,
  percentile,
  ratioToFloor,
  runPool,
  summarize,
} from '../../../bench/harness.js';

describe('median', () => {
  it('returns the middle value of an odd-sized sample, whatever its order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('returns the mean of the two middle values of an even-sized sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('returns undefined for an empty sample', () => {
    expect(median([])).toBeUndefined();
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];

    median(values);

    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('takes the nearest rank: p99 of 1..100 is 99', () => {
    expect(percentile(hundred, 99)).toBe(99);
  });

  it('takes p50 of 1..100 as 50', () => {
    expect(percentile(hundred, 50)).toBe(50);
  });

  it('answers the maximum as p99 of a sample under 100 values', () => {
    expect(percentile([5, 80, 3, 7], 99)).toBe(80);
  });

  it('answers the single value of a one-value sample', () => {
    expect(percentile([42], 99)).toBe(42);
  });

  it('returns undefined for an empty sample', () => {
    expect(percentile([], 99)).toBeUndefined();
  });
});

describe('summarize', () => {
  it('gives median, p99 and count together', () => {
    expect(summarize([1, 2, 3, 4, 100])).toEqual({ median: 3, p99: 100, count: 5 });
  });
});

describe('ratioToFloor', () => {
  it('divides a latency by the floor latency', () => {
    expect(ratioToFloor(2.3, 2, 'lower-is-better')).toBeCloseTo(1.15);
  });

  it('divides the floor throughput by a throughput, so slower is above 1 too', () => {
    expect(ratioToFloor(800, 1000, 'higher-is-better')).toBeCloseTo(1.25);
  });

  it('answers 1 for the floor itself', () => {
    expect(ratioToFloor(7, 7, 'lower-is-better')).toBe(1);
  });

  it('returns undefined without a floor or for a zero value', () => {
    expect(ratioToFloor(5, undefined, 'lower-is-better')).toBeUndefined();
    expect(ratioToFloor(0, 5, 'higher-is-better')).toBeUndefined();
  });
});

describe('blockOrders', () => {
  it('puts each of three contenders in each position twice over six blocks', () => {
    const orders = blockOrders(['a', 'b', 'c'], 6);

    for (const name of ['a', 'b', 'c']) {
      const positions = orders.map((order) => order.indexOf(name)).sort();
      expect(positions).toEqual([0, 0, 1, 1, 2, 2]);
    }
  });

  it('uses six different orders for six blocks', () => {
    const orders = blockOrders(['a', 'b', 'c'], 6).map((order) => order.join(''));

    expect(new Set(orders).size).toBe(6);
  });

  it('puts each of four loaders in each position twice over eight blocks', () => {
    const orders = blockOrders(['a', 'b', 'c', 'd'], 8);

    for (const name of ['a', 'b', 'c', 'd']) {
      const positions = orders.map((order) => order.indexOf(name)).sort();
      expect(positions).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    }
  });

  it('rotates first, then runs the rotations reversed', () => {
    const orders = blockOrders(['a', 'b'], 4);

    expect(orders).toEqual([
      ['a', 'b'],
      ['b', 'a'],
      ['b', 'a'],
      ['a', 'b'],
    ]);
  });

  it('returns no blocks for zero blocks', () => {
    expect(blockOrders(['a'], 0)).toEqual([]);
  });
});

describe('alternate', () => {
  it('runs every contender once per block, one at a time, in the block order', async () => {
    const calls: string[] = [];
    const contenders = [{ name: 'x' }, { name: 'y' }];

    const samples = await alternate(contenders, 2, async (contender, block) => {
      calls.push(`${contender.name}${block}`);
      await Promise.resolve();
      return [block * 10];
    });

    expect(calls).toEqual(['x0', 'y0', 'y1', 'x1']);
    expect(samples.get('x')).toEqual([0, 10]);
    expect(samples.get('y')).toEqual([0, 10]);
  });
});

describe('runPool', () => {
  it('never has more than the concurrency in flight and runs every index once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];

    const latencies = await runPool(20, 3, async (index) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      seen.push(index);
      await new Promise((done) => setTimeout(done, 1));
      inFlight -= 1;
    });

    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(latencies).toHaveLength(20);
  });
});
