import { expect } from 'vitest';
import type { Decision } from '../../lambdas/domain/decision.js';

interface Decider<C, E, S, F> {
  readonly decide: (command: C, state: S) => Decision<E, F>;
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

/**
 * Given/when/then for a decider: given past events, when a command, then the events it records
 * (or the rejection it answers).
 * @example spec.given([opened]).when(withdraw(30)).then([{ type: 'MoneyWithdrawn', ... }])
 */
export const deciderSpec = <C, E, S, F>(decider: Decider<C, E, S, F>) => ({
  given: (events: readonly E[]) => {
    const state = events.reduce(decider.evolve, decider.initialState());
    return {
      state,
      when: (command: C) => {
        const decision = decider.decide(command, state);
        return {
          then: (expected: readonly E[]) => {
            expect(decision).toEqual({ ok: true, events: expected });
          },
          thenRejects: (expected: F) => {
            expect(decision).toEqual({ ok: false, error: expected });
          },
        };
      },
    };
  },
});
