import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A loopback webhook that records the JSON bodies it is sent. */
const webhook = async () => {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
};

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
    expect(result.stderr).toContain(
      'usage: npm run rebuild -- [<projection>] [--segments N] [--republish [--webhook <url>]...]',
    );
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

  it('republishes every event once to the webhook, marked as replays, touching no read table', async () => {
    const target = await emptyReadTables(app);
    const hook = await webhook();
    const events = await allEvents(app.deps);

    const result = await rebuildCli(['--republish', '--webhook', hook.url], target);
    await hook.close();

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Republished ${events.length} events: ${events.length} events, 8 accounts in `),
    );
    expect(hook.bodies.map((body) => body['id']).sort()).toEqual(
      events.map((event) => event.eventId).sort(),
    );
    expect(hook.bodies.every((body) => body['replay'] === true)).toBe(true);
    expect(await target.rows()).toEqual({ summaries: [], ledger: [] });
  });

  it.each([
    [['--republish'], '--republish needs a destination: --webhook <url> or LEDGER_WEBHOOK_URLS'],
    [['--republish', '--webhook', 'http://example.com/hook'], 'loopback'],
    [[], 'usage: npm run rebuild --'],
  ])('exits 2 for %j before publishing or writing anything', async (args, message) => {
    const target = await emptyReadTables(app);

    const result = await rebuildCli(args, target);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(await target.rows()).toEqual({ summaries: [], ledger: [] });
  });
});
