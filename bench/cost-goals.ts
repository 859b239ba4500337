import type { FigureResult } from './figures/result.js';
import { PROJECTION_LAG } from './figures/projection-lag.js';
import { find, fmt, type GoalResult } from './goal-result.js';

/** Issue 16's thresholds beside the append and bundle goals of goals.ts. */
export const CPU_MAX_RATIO = 1.05;
export const WARM_COMMAND_MIN_SHARE = 0.95;
export const LAG_P50_LIMIT_MS = 15;
export const LAG_P99_LIMIT_MS = 40;

/** Client CPU per appended event within 1.05x of the floor's, for every append figure. */
export const cpuGoal = (figures: readonly FigureResult[]): GoalResult => {
  const cpu = figures.filter(
    (f) => f.contender === 'ledger' && f.figure.startsWith('append client CPU per event'),
  );
  const known = cpu.filter((f) => f.ratioToFloor !== null);
  return {
    goal: 'ledger client CPU per append <= 1.05x the floor',
    met: known.length === 0 ? null : known.every((f) => (f.ratioToFloor ?? 0) <= CPU_MAX_RATIO),
    detail: cpu.map((f) => `${f.figure}: ${fmt(f.ratioToFloor)}x`).join('; ') || 'not measured',
  };
};

/**
 * A warm Ledger command (through its Lambda handler, state cache on) against one PutItem: the
 * floor's sequential append, whose every event is exactly one PutItem, measured in the same run.
 */
export const warmCommandGoal = (figures: readonly FigureResult[]): GoalResult => {
  const command = find(figures, 'ledger', 'full deposit command (load + decide + append)');
  const putItem = find(figures, 'floor', 'append, 1 account, sequential');
  const goal = 'warm ledger command >= 0.95x one PutItem (floor sequential append)';
  if (command?.median == null || putItem?.median == null) {
    return { goal, met: null, detail: 'not measured' };
  }
  const share = command.median / putItem.median;
  return {
    goal,
    met: share >= WARM_COMMAND_MIN_SHARE,
    detail: `${fmt(command.median, 0)} commands/s vs ${fmt(putItem.median, 0)} PutItem/s = ${fmt(share)}x`,
  };
};

/** Ledger's unsnapshotted loads no slower than Castore's, at every history length measured. */
export const loadGoal = (figures: readonly FigureResult[]): GoalResult => {
  const loads = figures
    .filter((f) => f.contender === 'ledger' && f.figure.startsWith('load, ') && f.median !== null)
    .map((ours) => ({ ours, theirs: find(figures, 'castore', ours.figure) }))
    .filter((pair) => pair.theirs?.median != null);
  const slower = loads.filter(({ ours, theirs }) => (ours.median ?? 0) > (theirs?.median ?? 0));
  return {
    goal: 'ledger load without snapshots no slower than castore',
    met: loads.length === 0 ? null : slower.length === 0,
    detail:
      loads
        .map(
          ({ ours, theirs }) => `${ours.figure}: ${fmt(ours.median)} vs ${fmt(theirs?.median)} ms`,
        )
        .join('; ') || 'not measured',
  };
};

/** The local projection lag, from a command's response to its read row. */
export const lagGoal = (figures: readonly FigureResult[]): GoalResult => {
  const lag = find(figures, 'ledger', PROJECTION_LAG);
  const goal = 'local projection lag under 15 ms p50 and 40 ms p99';
  if (lag?.median == null || lag.p99 === null) {
    return { goal, met: null, detail: lag?.note ?? 'not measured' };
  }
  return {
    goal,
    met: lag.median < LAG_P50_LIMIT_MS && lag.p99 < LAG_P99_LIMIT_MS,
    detail: `p50 ${fmt(lag.median, 1)} ms, p99 ${fmt(lag.p99, 1)} ms`,
  };
};
