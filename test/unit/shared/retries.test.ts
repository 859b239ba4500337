import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doublingDelays, retrying } from '../../../lambdas/retries.js';

class Transient extends Error {}
class Permanent extends Error {}

const recordingWait = () => {
  const waits: number[] = [];
  return { waits, wait: (ms: number) => Promise.resolve(void waits.push(ms)) };
};

describe('retrying', () => {
  it('runs once per delay plus one, waiting each delay in turn, then lets the error stand', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 1_000 }), { maxLength: 8 }), async (delaysMs) => {
        const { waits, wait } = recordingWait();
        let runs = 0;
        const attempt = () => {
          runs += 1;
          return Promise.reject(new Transient(`run ${runs}`));
        };

        const outcome = retrying(attempt, {
          delaysMs,
          retryable: (e) => e instanceof Transient,
          wait,
        });

        await expect(outcome).rejects.toThrow(`run ${delaysMs.length + 1}`);
        expect(runs).toBe(delaysMs.length + 1);
        expect(waits).toEqual(delaysMs.filter((ms) => ms > 0));
      }),
    );
  });

  it('answers the first success and stops retrying', async () => {
    const { waits, wait } = recordingWait();
    const tries: number[] = [];
    const attempt = (index: number) => {
      tries.push(index);
      return index < 2 ? Promise.reject(new Transient()) : Promise.resolve('done');
    };

    const outcome = await retrying(attempt, {
      delaysMs: [10, 20, 40, 80],
      retryable: (e) => e instanceof Transient,
      wait,
    });

    expect(outcome).toBe('done');
    expect(tries).toEqual([0, 1, 2]);
    expect(waits).toEqual([10, 20]);
  });

  it('never retries an error the policy does not name', async () => {
    const { waits, wait } = recordingWait();
    let runs = 0;
    const attempt = () => {
      runs += 1;
      return Promise.reject(new Permanent('no'));
    };

    const outcome = retrying(attempt, {
      delaysMs: [10, 20],
      retryable: (e) => e instanceof Transient,
      wait,
    });

    await expect(outcome).rejects.toBeInstanceOf(Permanent);
    expect(runs).toBe(1);
    expect(waits).toEqual([]);
  });

  it('doubles delays from a base', () => {
    expect(doublingDelays(20, 4)).toEqual([20, 40, 80, 160]);
    expect(doublingDelays(50, 0)).toEqual([]);
  });
});
