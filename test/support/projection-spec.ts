import { expect } from 'vitest';

/** A pure read-model projection: folds one event into a row (null before the first). */
type Evolve<R, E> = (row: R | null, event: E) => R | null;

/**
 * Given/when/then for a projection, as deciderSpec is for the decider: given past events, when one
 * more arrives, then the row it leaves, or nothing happened (the very same row, so the writer skips
 * the write).
 * @example spec.given([sent]).when(sent).thenNothingHappened()
 */
export const projectionSpec = <R, E>(evolve: Evolve<R, E>) => ({
  given: (events: readonly E[]) => {
    const row = events.reduce<R | null>(evolve, null);
    return {
      row,
      when: (event: E) => {
        const next = evolve(row, event);
        return {
          next,
          then: (expected: R | null) => {
            expect(next).toEqual(expected);
          },
          /** Checks the fields named (the rest of the row may be anything). */
          thenMatches: (expected: Partial<R>) => {
            expect(next).toMatchObject(expected);
          },
          thenNothingHappened: () => {
            expect(next).toBe(row);
          },
        };
      },
    };
  },
});
