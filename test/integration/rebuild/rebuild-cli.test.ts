import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';
import { emptyReadTables, readRows, seedAccounts, type RebuildTarget } from './support.js';

const run = promisify(execFile);

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await seedAccounts(app, 8);
  await projectAll(app.deps);
}, 60_000);

/** Runs `npm run rebuild -- <args>` as a user would (stderr is a pipe, so no in-place redraw). */
const rebuildCli = async (args: string[], target: RebuildTarget) => {
  const env = {
    ...process.env,
    DYNAMODB_PORT: new URL(app.tables.endpoint).port,
    TABLE_PREFIX: target.tables.prefix,
    EVENTS_TABLE: app.tables.names.Events,
  };
  try {
    const { stdout, stderr } = await run(
      'node_modules/.bin/tsx',
      ['local/rebuild-cli.ts', ...args],
      {
        env,
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const progressLines = (stderr: string) =>
  stderr.split('\n').filter((line) => /^\w+ \[[#-]{30}\] +\d+%/.test(line));

describe('npm run rebuild', () => {
  it('rebuilds a projection into empty tables with progress lines and a final count', async () => {
    const target = await emptyReadTables(app);
    const events = (await allEvents(app.deps)).length;

    const summaries = await rebuildCli(['AccountSummaries', '--segments', '2'], target);
    const ledger = await rebuildCli(['Ledger'], target);

    expect(summaries.code).toBe(0);
    expect(summaries.stdout).toMatch(
      new RegExp(`^Rebuilt AccountSummaries: ${events} events, 8 accounts in \\d+\\.\\d s\\n$`),
    );
    expect(ledger.stdout).toMatch(new RegExp(`^Rebuilt Ledger: ${events} events, 8 accounts`));
    const lines = progressLines(summaries.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toBe(
      `AccountSummaries [${'#'.repeat(30)}] 100% ${events} events, 8 accounts`,
    );
    const percents = lines.map((line) => Number(/(\d+)%/.exec(line)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await target.rows()).toEqual(await readRows(app.deps.client, app.tables.names));
  });

  it('exits 2 with usage, naming the unknown projection and the known ones', async () => {
    const target = await emptyReadTables(app);

    const result = await rebuildCli(['Balances'], target);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown projection "Balances"');
    expect(result.stderr).toContain('usage: npm run rebuild -- <projection> [--segments N]');
    expect(result.stderr).toContain('projections: AccountSummaries, Ledger, Transfers');
    expect((await target.rows()).summaries).toEqual([]);
  });

  it('exits 2 on a bad segment count without touching any table', async () => {
    const target = await emptyReadTables(app);

    const result = await rebuildCli(['Ledger', '--segments', '0'], target);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--segments must be a whole number from 1 to 1000000, got "0"');
    expect((await target.rows()).ledger).toEqual([]);
  });
});
