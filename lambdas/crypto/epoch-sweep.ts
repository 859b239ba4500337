import type { EpochKeys } from './epoch-keys.js';
import type { KeyEpochsTable } from './key-epochs.js';

export interface SweepOptions {
  /** Items per scan page. */
  readonly pageSize?: number;
  /** Milliseconds the run may still take; the sweep stops between pages at zero. */
  readonly timeLeftMs?: () => number;
}

/** What a sweep did; `clean` when a full pass found nothing live under the old key. */
export interface SweepOutcome {
  readonly rewrapped: number;
  readonly clean: boolean;
}

/**
 * Rewraps every live subject still under `from`, in passes over the table, until one full pass
 * finds none (the epoch guard on creation keeps new subjects off `from` once it is not current).
 * Progress lives in the items themselves (each rewrapped item names `to`), so a run that stops
 * for time loses nothing: the next run's pass skips what was done.
 */
export const sweepUnder = async (
  table: KeyEpochsTable,
  keys: EpochKeys,
  keyRefs: { readonly from: string; readonly to: string },
  options: SweepOptions = {},
): Promise<SweepOutcome> => {
  let rewrapped = 0;
  for (;;) {
    const pass = await onePass(table, keys, keyRefs, options);
    rewrapped += pass.rewrapped;
    if (pass.found === undefined) {
      return { rewrapped, clean: false };
    }
    if (pass.found === 0) {
      return { rewrapped, clean: true };
    }
  }
};

/** One pass over the table; `found` is undefined when the run ran out of time during it. */
const onePass = async (
  table: KeyEpochsTable,
  keys: EpochKeys,
  { from, to }: { readonly from: string; readonly to: string },
  options: SweepOptions,
): Promise<{ found?: number; rewrapped: number }> => {
  let found = 0;
  let rewrapped = 0;
  let start: Record<string, unknown> | undefined;
  do {
    if ((options.timeLeftMs?.() ?? Infinity) <= 0) {
      return { rewrapped };
    }
    const page = await table.liveUnder(from, start, options.pageSize);
    found += page.items.length;
    for (const item of page.items) {
      const wrapped = await keys.rewrap(from, to, item.subjectId, item.wrappedKey);
      rewrapped += (await table.rewrapped(item, to, wrapped)) ? 1 : 0;
    }
    start = page.next;
  } while (start);
  return { found, rewrapped };
};
