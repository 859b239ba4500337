import type { RebuildProgress } from '../lambdas/projections/rebuild.js';

const WIDTH = 30;
const REDRAW_MS = 80;

/** A bar redrawn in place on a terminal, or a line per 10 % when stderr is a file or a pipe. */
export const progressBar = (projection: string, estimate: number | undefined) => {
  const out = process.stderr;
  let shownDecile = -1;
  let drawnAt = 0;
  // The item count is an estimate (and live appends add to it): the bar never claims 100 % early.
  const fractionOf = (p: RebuildProgress): number =>
    estimate ? Math.min(p.events / estimate, 0.99) : 0.99 * (p.segmentsDone / p.segments);
  const text = (p: RebuildProgress, fraction: number): string => {
    const filled = Math.round(fraction * WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    const percent = String(Math.floor(fraction * 100)).padStart(3);
    return `${projection} [${bar}] ${percent}% ${p.events} events, ${p.accounts} accounts`;
  };
  return {
    update(p: RebuildProgress, done = false): void {
      const fraction = done ? 1 : fractionOf(p);
      if (out.isTTY) {
        if (done || Date.now() - drawnAt >= REDRAW_MS) {
          drawnAt = Date.now();
          out.write(`\r${text(p, fraction)}\x1b[K${done ? '\n' : ''}`);
        }
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile > shownDecile) {
        shownDecile = decile;
        out.write(`${text(p, fraction)}\n`);
      }
    },
  };
};
