import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmokeOptions } from '../../smoke/options.js';
import { runSmoke } from '../../smoke/smoke.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';

describe('npm run smoke against the local runtime', () => {
  let api: LocalApi;
  let runs = 0;
  // Every run walks as two brand-new users: an erased user stays erased.
  const freshOptions = async (): Promise<SmokeOptions> => {
    runs += 1;
    return {
      url: api.runtime.url,
      user: { kind: 'token', token: await api.token(`smoke-e2e-user-${runs}`) },
      throwaway: { kind: 'token', token: await api.token(`smoke-e2e-throwaway-${runs}`) },
      convergeMs: 20_000,
    };
  };

  beforeAll(async () => {
    api = await startLocalApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('passes every step of the walk and ends with the summary line', async () => {
    const lines: string[] = [];

    const run = await runSmoke(await freshOptions(), (line) => lines.push(line));

    expect(run.results.filter((result) => result.outcome !== 'passed')).toEqual([]);
    expect(run.results).toHaveLength(14);
    expect(lines.at(-1)).toBe('14 passed, 0 failed');
    expect(lines.filter((line) => line.startsWith('PASS  '))).toHaveLength(14);
    expect(run.ok).toBe(true);
  });

  it('fails exactly the step whose answer is wrong, and says why', async () => {
    // The API forgets to mark replays: only the idempotency step may fail.
    const forgetful: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('idempotent-replayed');
      return new Response(await response.text(), { status: response.status, headers });
    };
    const lines: string[] = [];

    const run = await runSmoke(await freshOptions(), (line) => lines.push(line), forgetful);

    expect(run.ok).toBe(false);
    expect(lines.filter((line) => line.startsWith('FAIL  '))).toEqual([
      'FAIL  deposits 50.00, and a retry with the same Idempotency-Key replays it: Idempotent-Replayed: expected "true", got null',
    ]);
    expect(lines.at(-1)).toBe('13 passed, 1 failed');
  });

  it('skips, never passes, the erasure steps without a throw-away user', async () => {
    const lines: string[] = [];

    const run = await runSmoke({ ...(await freshOptions()), throwaway: undefined }, (line) =>
      lines.push(line),
    );

    expect(run.ok).toBe(true);
    expect(
      lines.filter((line) => line.startsWith('SKIP  ')).map((line) => line.split(':')[0]),
    ).toEqual([
      "SKIP  answers another user's account exactly like a missing one (404)",
      'SKIP  erases a throw-away user',
    ]);
    expect(lines.at(-1)).toBe('11 passed, 0 failed, 2 skipped');
  });
});
