import type { FigureResult } from './figures/result.js';

import { cpuGoal, lagGoal, loadGoal, warmCommandGoal } from './cost-goals.js';
import { find, fmt, type GoalResult } from './goal-result.js';

export type { GoalResult } from './goal-result.js';

export const BUNDLE_LIMIT_BYTES = 120 * 1000;
export const IMPORT_LIMIT_MS = 50;
/** Issue 16: appends at least 0.95x the floor's throughput, i.e. at most 1/0.95 of its cost. */
export const APPEND_MIN_SHARE = 0.95;

const higherIsBetter = (f: FigureResult): boolean => f.unit.endsWith('/s');

const appendGoal = (figures: readonly FigureResult[]): GoalResult => {
  const ratios = figures
    .filter((f) => f.contender === 'ledger' && f.figure.startsWith('append, '))
    .map((f) => ({ figure: f.figure, share: f.ratioToFloor === null ? null : 1 / f.ratioToFloor }));
  const known = ratios.filter((r): r is { figure: string; share: number } => r.share !== null);
  const concurrent = 'append, 100 accounts, concurrency 16';
  const ours = find(figures, 'ledger', concurrent)?.median;
  const theirs = find(figures, 'castore', concurrent)?.median;
  const ahead = ours == null || theirs == null ? null : ours > theirs;
  return {
    goal: 'ledger appends at >= 0.95x the floor, concurrent appends ahead of castore',
    met:
      known.length === 0
        ? null
        : known.every((r) => r.share >= APPEND_MIN_SHARE) && ahead !== false,
    detail: ratios
      .map((r) => `${r.figure}: ${fmt(r.share)}x the floor`)
      .concat(
        ahead === null ? [] : [`concurrent ${fmt(ours, 0)} vs castore ${fmt(theirs, 0)} events/s`],
      )
      .join('; '),
  };
};

const peerGoal = (figures: readonly FigureResult[]): GoalResult => {
  const shared = figures.flatMap((ours) => {
    const theirs = find(figures, 'castore', ours.figure);
    if (ours.contender !== 'ledger' || ours.median === null || theirs?.median == null) {
      return [];
    }
    const ahead = higherIsBetter(ours) ? ours.median - theirs.median : theirs.median - ours.median;
    return [{ figure: ours.figure, ahead }];
  });
  const faster = shared.filter((s) => s.ahead > 0).length;
  // A tie (one write unit each, the least a write costs) is equal: not slower, and not faster.
  const equal = shared.filter((s) => s.ahead === 0).map((s) => s.figure);
  const slower = shared.filter((s) => s.ahead < 0).map((s) => s.figure);
  return {
    goal: 'ledger faster than castore on every shared figure',
    met: shared.length === 0 ? null : faster === shared.length,
    detail:
      `${faster} of ${shared.length} figures faster` +
      (slower.length ? `; slower on: ${slower.join(', ')}` : '') +
      (equal.length ? `; equal on: ${equal.join(', ')}` : ''),
  };
};

const snapshotGoal = (figures: readonly FigureResult[]): GoalResult => {
  const big = find(figures, 'ledger+snapshots', 'load, 10000 events');
  const small = find(figures, 'ledger', 'load, 100 events');
  const goal = 'load of a 10,000-event account with snapshots within 2x of a 100-event account';
  if (big?.median == null || small?.median == null) {
    return { goal, met: null, detail: big?.note ?? 'not measured' };
  }
  const ratio = big.median / small.median;
  return {
    goal,
    met: ratio <= 2,
    detail: `${fmt(big.median)} ms vs ${fmt(small.median)} ms = ${fmt(ratio)}x`,
  };
};

const timeTravelGoal = (figures: readonly FigureResult[]): GoalResult => {
  const load = find(figures, 'ledger+snapshots', 'load, 10000 events');
  const travels = ['version', 'time'].map((by) =>
    find(figures, 'ledger+snapshots', `time travel by ${by}, 10000 events`),
  );
  const goal = 'time travel by version and by time on 10,000 events within 2x of its snapshot load';
  const known = travels.filter((t): t is FigureResult => t?.median != null);
  if (load?.median == null || known.length < travels.length) {
    return { goal, met: null, detail: 'not measured' };
  }
  const base = load.median;
  const ratios = known.map((t) => ({ figure: t.figure, ratio: (t.median ?? 0) / base }));
  return {
    goal,
    met: ratios.every((r) => r.ratio <= 2),
    detail: ratios
      .map((r) => `${r.figure}: ${fmt(r.ratio * base)} ms = ${fmt(r.ratio)}x`)
      .concat(`snapshot load ${fmt(base)} ms`)
      .join('; '),
  };
};

/** "cold import, X = 120 ms (floor 95 ms, 1.26x)": the miss beside what the SDK alone costs. */
const importMiss = (figures: readonly FigureResult[], f: FigureResult): string => {
  const floor = find(figures, 'floor', f.figure)?.median;
  const beside = floor == null ? '' : ` (floor ${fmt(floor, 0)} ms, ${fmt(f.ratioToFloor)}x)`;
  return `${f.figure} = ${fmt(f.median, 0)} ms${beside}`;
};

const bundleGoal = (figures: readonly FigureResult[]): GoalResult => {
  const ours = figures.filter((f) => f.contender === 'ledger' && f.median !== null);
  const sizes = ours.filter((f) => f.figure.startsWith('bundle size, '));
  const imports = ours.filter((f) => f.figure.startsWith('cold import, '));
  const misses = [
    ...sizes
      .filter((f) => (f.median ?? 0) >= BUNDLE_LIMIT_BYTES)
      .map((f) => `${f.figure} = ${fmt(f.median, 0)} bytes`),
    ...imports.filter((f) => (f.median ?? 0) >= IMPORT_LIMIT_MS).map((f) => importMiss(figures, f)),
  ];
  const missing = figures.filter((f) => f.figure.startsWith('bundle size, ') && f.median === null);
  return {
    goal: 'every Lambda bundle under 120 KB and imported in under 50 ms',
    met: sizes.length === 0 ? null : misses.length === 0,
    detail:
      `${sizes.length} bundles measured` +
      (missing.length ? `, ${missing.length} not built yet` : '') +
      (misses.length ? `; misses: ${misses.join(', ')}` : ''),
  };
};

/** Judges the goals against one run's figures. Misses are reported, never hidden. */
export const judgeGoals = (figures: readonly FigureResult[]): GoalResult[] => [
  appendGoal(figures),
  peerGoal(figures),
  snapshotGoal(figures),
  bundleGoal(figures),
  timeTravelGoal(figures),
  cpuGoal(figures),
  warmCommandGoal(figures),
  loadGoal(figures),
  lagGoal(figures),
];
