import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { StreamTurns } from '../../../lambdas/application/stream-turns.js';

describe('StreamTurns', () => {
  it('runs the writers of one stream one at a time, in arrival order', async () => {
    const turns = new StreamTurns();
    const log: string[] = [];
    const writer = (name: string, ms: number) =>
      turns.run('s1', 1_000, async (waited) => {
        log.push(`${name} start ${String(waited)}`);
        await sleep(ms);
        log.push(`${name} end`);
        return name;
      });

    const results = await Promise.all([writer('a', 20), writer('b', 5), writer('c', 1)]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual([
      'a start false',
      'a end',
      'b start true',
      'b end',
      'c start true',
      'c end',
    ]);
  });

  it('lets writers of different streams run at the same time', async () => {
    const turns = new StreamTurns();
    let running = 0;
    let most = 0;
    const writer = (stream: string) =>
      turns.run(stream, 1_000, async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(10);
        running -= 1;
      });

    await Promise.all([writer('s1'), writer('s2'), writer('s3')]);

    expect(most).toBe(3);
  });

  it('answers undefined to a writer whose turn does not come within its time, without running it', async () => {
    const turns = new StreamTurns();
    let ran = false;
    const slow = turns.run('s1', 1_000, () => sleep(50).then(() => 'slow'));

    const impatient = await turns.run('s1', 5, () => {
      ran = true;
      return Promise.resolve('impatient');
    });

    expect(impatient).toBeUndefined();
    expect(ran).toBe(false);
    expect(await slow).toBe('slow');
  });

  it('arms no timer for a writer that has no earlier writer to wait for', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const turns = new StreamTurns();

      const result = await turns.run('s1', 1_000, (waited) => Promise.resolve(waited));

      expect(result).toBe(false);
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });

  it('still times out a writer queued behind one that never finishes', async () => {
    const turns = new StreamTurns();
    void turns.run('s1', 1_000, () => new Promise<never>(() => undefined));

    expect(await turns.run('s1', 5, () => Promise.resolve('late'))).toBeUndefined();
  });
});
