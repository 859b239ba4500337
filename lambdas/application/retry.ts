import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './ports.js';

export interface RetryPolicy {
  /** Total time the retries may take before giving up. */
  readonly budgetMs: number;
  /** First backoff; later ones grow exponentially up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { budgetMs: 3_000, baseDelayMs: 5, maxDelayMs: 200 };

/**
 * "Full jitter" backoff (AWS Architecture Blog): a random delay up to the exponential bound, so
 * writers racing for one stream spread out instead of colliding again in lockstep.
 */
const backoffDelay = (attempt: number, policy: RetryPolicy, random = Math.random): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));

/** When the retries started and the clock their budget is measured on. */
export interface RetryBudget {
  readonly startedAt: Date;
  readonly clock: Clock;
}

/** Waits before retry `attempt`; false when the budget since `startedAt` is spent. */
const waitToRetry = async (
  attempt: number,
  { startedAt, clock }: RetryBudget,
  policy: RetryPolicy,
): Promise<boolean> => {
  const delay = backoffDelay(attempt, policy);
  if (clock.now().getTime() + delay - startedAt.getTime() > policy.budgetMs) {
    return false;
  }
  await sleep(delay);
  return true;
};

/**
 * Runs `attempt` until it answers something other than `'conflict'`, backing off between tries
 * (`retry` is true after the first); undefined once the budget since `startedAt` is spent.
 */
export const retryConflicts = async <T>(
  attempt: (retry: boolean) => Promise<T | 'conflict'>,
  budget: RetryBudget,
  policy: RetryPolicy,
): Promise<T | undefined> => {
  for (let count = 0; ; count += 1) {
    const outcome = await attempt(count > 0);
    if (outcome !== 'conflict') {
      return outcome;
    }
    if (!(await waitToRetry(count, budget, policy))) {
      return undefined;
    }
  }
};
