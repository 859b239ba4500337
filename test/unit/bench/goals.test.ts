import { describe, expect, it } from 'vitest';
import { figureResults, unavailable, type FigureResult } from '../../../bench/figures/result.js';
import { judgeGoals } from '../../../bench/goals.js';

const figure = (name: string, unit: 'ms' | 'events/s' | 'bytes', values: Record<string, number>) =>
  figureResults(name, unit, new Map(Object.entries(values).map(([c, v]) => [c, [v]])));

const goal = (figures: FigureResult[], index: number) => judgeGoals(figures)[index];

describe('judgeGoals', () => {
  it('meets the append goal at 1.15x of the floor and misses it above', () => {
    const within = figure('append, 1 account', 'events/s', { floor: 1150, ledger: 1000 });
    const beyond = figure('append, 1 account', 'events/s', { floor: 1200, ledger: 1000 });

    expect(goal(within, 0)?.met).toBe(true);
    expect(goal(beyond, 0)?.met).toBe(false);
  });

  it('misses the peer goal when castore wins any shared figure, and names it', () => {
    const figures = [
      ...figure('append', 'events/s', { ledger: 900, castore: 800 }),
      ...figure('load', 'ms', { ledger: 12, castore: 10 }),
    ];

    const peer = goal(figures, 1);

    expect(peer?.met).toBe(false);
    expect(peer?.detail).toContain('slower on: load');
  });

  it('cannot judge the snapshot goal without a snapshot figure', () => {
    const figures = [unavailable('ledger+snapshots', 'load, 10000 events', 'ms', 'no snapshots')];

    expect(goal(figures, 2)).toMatchObject({ met: null, detail: 'no snapshots' });
  });

  it('judges the snapshot goal against the 100-event load', () => {
    const figures = [
      ...figure('load, 100 events', 'ms', { ledger: 10 }),
      ...figure('load, 10000 events', 'ms', { 'ledger+snapshots': 19 }),
    ];

    expect(goal(figures, 2)?.met).toBe(true);
  });

  it('misses the bundle goal for a bundle of 250 KB or more', () => {
    const figures = [
      ...figure('bundle size, A', 'bytes', { ledger: 120_000 }),
      ...figure('bundle size, B', 'bytes', { ledger: 250_000 }),
      ...figure('cold import, A', 'ms', { ledger: 40 }),
    ];

    const bundles = goal(figures, 3);

    expect(bundles?.met).toBe(false);
    expect(bundles?.detail).toContain('bundle size, B = 250000 bytes');
  });

  it('judges time travel by version and by time against the snapshot load of 10,000 events', () => {
    const snapshotLoad = figure('load, 10000 events', 'ms', { 'ledger+snapshots': 5 });
    const travel = (version: number, time: number) => [
      ...snapshotLoad,
      ...figure('time travel by version, 10000 events', 'ms', { 'ledger+snapshots': version }),
      ...figure('time travel by time, 10000 events', 'ms', { 'ledger+snapshots': time }),
    ];

    expect(goal(travel(9, 10), 4)?.met).toBe(true);
    expect(goal(travel(9, 11), 4)).toMatchObject({ met: false });
    expect(goal(travel(9, 11), 4)?.detail).toContain('time travel by time, 10000 events: 11.00 ms');
    expect(goal(snapshotLoad, 4)?.met).toBeNull();
  });
});
