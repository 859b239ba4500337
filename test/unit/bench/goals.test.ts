import { describe, expect, it } from 'vitest';
import { figureResults, unavailable, type FigureResult } from '../../../bench/figures/result.js';
import { PROJECTION_LAG } from '../../../bench/figures/projection-lag.js';
import { judgeGoals } from '../../../bench/goals.js';

const figure = (name: string, unit: 'ms' | 'events/s' | 'bytes', values: Record<string, number>) =>
  figureResults(name, unit, new Map(Object.entries(values).map(([c, v]) => [c, [v]])));

const goal = (figures: FigureResult[], index: number) => judgeGoals(figures)[index];

describe('judgeGoals', () => {
  it('meets the append goal at 0.95x of the floor and misses it below', () => {
    const within = figure('append, 1 account', 'events/s', { floor: 1000, ledger: 950 });
    const beyond = figure('append, 1 account', 'events/s', { floor: 1000, ledger: 940 });

    expect(goal(within, 0)?.met).toBe(true);
    expect(goal(beyond, 0)?.met).toBe(false);
  });

  it('misses the append goal when castore appends faster concurrently', () => {
    const name = 'append, 100 accounts, concurrency 16';
    const behind = figure(name, 'events/s', { floor: 1000, ledger: 990, castore: 1000 });

    expect(goal(behind, 0)).toMatchObject({ met: false });
    expect(goal(behind, 0)?.detail).toContain('concurrent 990 vs castore 1000 events/s');
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

  it('calls a tie equal, not slower, and a tie is still not faster', () => {
    const figures = [
      ...figure('append', 'events/s', { ledger: 900, castore: 800 }),
      ...figure('write units', 'bytes', { ledger: 1, castore: 1 }),
    ];

    const peer = goal(figures, 1);

    expect(peer?.met).toBe(false);
    expect(peer?.detail).toBe('1 of 2 figures faster; equal on: write units');
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

  it('misses the bundle goal for a bundle of 120 KB or more, or an import of 50 ms or more', () => {
    const figures = [
      ...figure('bundle size, A', 'bytes', { ledger: 119_999 }),
      ...figure('bundle size, B', 'bytes', { ledger: 120_000 }),
      ...figure('cold import, A', 'ms', { ledger: 49 }),
      ...figure('cold import, B', 'ms', { ledger: 50 }),
    ];

    const bundles = goal(figures, 3);

    expect(bundles?.met).toBe(false);
    expect(bundles?.detail).toContain('bundle size, B = 120000 bytes');
    expect(bundles?.detail).toContain('cold import, B = 50 ms');
    expect(bundles?.detail).not.toContain('A =');
  });

  it('judges only Ledger cold imports, and shows each miss beside its floor', () => {
    const figures = [
      ...figure('bundle size, A', 'bytes', { ledger: 100_000 }),
      ...figure('cold import, A', 'ms', { floor: 80, ledger: 100 }),
    ];

    const bundles = goal(figures, 3);

    expect(bundles?.met).toBe(false);
    expect(bundles?.detail).toContain('cold import, A = 100 ms (floor 80 ms, 1.25x)');
    expect(bundles?.detail).not.toContain('= 80 ms');
  });

  it('holds client CPU per append within 1.05x of the floor', () => {
    const cpu = (ledger: number) =>
      figure('append client CPU per event, 1 account', 'ms', { floor: 1, ledger });

    expect(goal(cpu(1.05), 5)?.met).toBe(true);
    expect(goal(cpu(1.06), 5)?.met).toBe(false);
  });

  it('compares a warm command with one PutItem, the floor appending sequentially', () => {
    const run = (commands: number) => [
      ...figure('append, 1 account, sequential', 'events/s', { floor: 600 }),
      ...figureResults(
        'full deposit command (load + decide + append)',
        'commands/s',
        new Map([['ledger', [commands]]]),
      ),
    ];

    expect(goal(run(570), 6)?.met).toBe(true);
    expect(goal(run(560), 6)).toMatchObject({ met: false });
    expect(goal(run(560), 6)?.detail).toContain('560 commands/s vs 600 PutItem/s = 0.93x');
  });

  it('misses the load goal when castore loads any history length faster', () => {
    const figures = [
      ...figure('load, 100 events', 'ms', { ledger: 5, castore: 6 }),
      ...figure('load, 10000 events', 'ms', { ledger: 600, castore: 200 }),
    ];

    expect(goal(figures, 7)?.met).toBe(false);
    expect(goal(figures.slice(0, 2), 7)?.met).toBe(true);
  });

  it('judges the projection lag on both its median and its p99', () => {
    const lags = (values: number[]) =>
      figureResults(PROJECTION_LAG, 'ms', new Map([['ledger', values]]));
    const quick = Array.from({ length: 100 }, (_, i) => (i < 99 ? 10 : 39));
    const tail = Array.from({ length: 100 }, (_, i) => (i < 98 ? 10 : 45));

    expect(goal(lags(quick), 8)?.met).toBe(true);
    expect(goal(lags(tail), 8)?.met).toBe(false);
    expect(goal([], 8)?.met).toBeNull();
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
