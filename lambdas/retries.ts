import { setTimeout as sleep } from 'node:timers/promises';

/** How an operation is tried again: after which errors, and how long to wait before each retry. */
export interface Retries {
  /** The wait before each retry, in turn; its length is the number of retries (0: no wait). */
  readonly delaysMs: readonly number[];
  /** Whether an error is worth another try; any other error stands at once. */
  readonly retryable: (error: unknown) => boolean;
  /** How a delay is waited (tests record it; a rebuild makes it abortable). */
  readonly wait?: (ms: number) => Promise<unknown>;
}

/** `count` delays doubling from `baseMs`: baseMs, 2 baseMs, 4 baseMs, ... */
export const doublingDelays = (baseMs: number, count: number): number[] =>
  Array.from({ length: count }, (_, index) => baseMs * 2 ** index);

/**
 * Runs `attempt` (with its index, from 0) until it succeeds; while it throws a retryable error and
 * delays remain, waits the next one and runs it again. The last error stands.
 */
export const retrying = async <T>(
  attempt: (index: number) => Promise<T>,
  { delaysMs, retryable, wait = sleep }: Retries,
): Promise<T> => {
  for (let index = 0; ; index += 1) {
    try {
      return await attempt(index);
    } catch (error) {
      const delay = delaysMs[index];
      if (delay === undefined || !retryable(error)) {
        throw error;
      }
      if (delay > 0) {
        await wait(delay);
      }
    }
  }
};
