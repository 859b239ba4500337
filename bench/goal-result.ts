import type { FigureResult } from './figures/result.js';

/** A goal from issues 7 and 16, judged on one run: met, missed, or not measurable (null). */
export interface GoalResult {
  readonly goal: string;
  readonly met: boolean | null;
  readonly detail: string;
}

export const find = (figures: readonly FigureResult[], contender: string, figure: string) =>
  figures.find((f) => f.contender === contender && f.figure === figure);

export const fmt = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? 'n/a' : value.toFixed(digits);
