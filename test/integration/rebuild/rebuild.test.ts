import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { UnreadableEventError } from '../../../lambdas/event-store/upcasters.js';
import type { RebuildProgress } from '../../../lambdas/projections/rebuild.js';
import {
  rebuildByName,
  UnknownProjectionError,
} from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';
import { putRawEvent } from '../upcasting/raw-events.js';
import {
  emptyReadTables,
  foldedRows,
  readRows,
  seedAccounts,
  type ReadRows,
  type RebuildTarget,
} from './support.js';

const ACCOUNTS = 50;
let app: TestApp;
let events: RecordedEvent[];
let live: ReadRows;

beforeAll(async () => {
  app = await createTestApp();
  await seedAccounts(app, ACCOUNTS);
  expect(await projectAll(app.deps)).toEqual({ batchItemFailures: [] });
  events = await allEvents(app.deps);
  live = await readRows(app.deps.client, app.tables.names);
}, 120_000);

const rebuildBoth = async (target: RebuildTarget, options: { pageSize?: number } = {}) => ({
  summaries: await rebuildByName('AccountSummaries', target.deps, options),
  ledger: await rebuildByName('Ledger', target.deps, options),
});

describe('rebuilding read models from the Events table', () => {
  it('starts from live rows that equal a from-scratch fold of several hundred events', () => {
    expect(events.length).toBeGreaterThan(400);
    expect(
      events.filter((event) => event.schema === 1 && event.type === 'MoneyDeposited'),
    ).not.toHaveLength(0);
    expect(live.summaries).toHaveLength(ACCOUNTS);
    expect(live).toEqual(foldedRows(events));
  });

  it('fills empty tables with rows equal to the live-projected ones, counting every event', async () => {
    const target = await emptyReadTables(app);

    const result = await rebuildBoth(target, { pageSize: 16 });

    expect(result.summaries).toEqual({ events: events.length, accounts: ACCOUNTS });
    expect(result.ledger).toEqual({ events: events.length, accounts: ACCOUNTS });
    expect(await target.rows()).toEqual(live);
  });

  it('is idempotent: running it again over rebuilt rows changes nothing', async () => {
    const target = await emptyReadTables(app);
    await rebuildBoth(target);
    const first = await target.rows();

    await rebuildBoth(target, { pageSize: 7 });

    expect(await target.rows()).toEqual(first);
    expect(first).toEqual(live);
  });

  it('completes correctly when restarted after an interrupted run', async () => {
    const target = await emptyReadTables(app);
    const stop = new AbortController();
    const interrupted = rebuildByName('AccountSummaries', target.deps, {
      pageSize: 10,
      signal: stop.signal,
      onProgress: ({ accounts }) => {
        if (accounts >= 10) {
          stop.abort(new Error('operator pressed Ctrl-C'));
        }
      },
    });

    await expect(interrupted).rejects.toThrow('operator pressed Ctrl-C');
    const partial = (await target.rows()).summaries.length;
    expect(partial).toBeGreaterThanOrEqual(10);
    expect(partial).toBeLessThan(ACCOUNTS);

    await rebuildBoth(target);
    expect(await target.rows()).toEqual(live);
  });

  it('applies accounts whose history spans pages and chunks in version order', async () => {
    const target = await emptyReadTables(app);

    await rebuildByName('AccountSummaries', target.deps, { pageSize: 3, chunkSize: 2 });
    await rebuildByName('Ledger', target.deps, { pageSize: 3, chunkSize: 2, totalSegments: 7 });

    expect(await target.rows()).toEqual(live);
  });

  it('reports growing progress that ends with every segment done', async () => {
    const target = await emptyReadTables(app);
    const seen: RebuildProgress[] = [];

    await rebuildByName('Ledger', target.deps, {
      totalSegments: 3,
      pageSize: 20,
      onProgress: (progress) => seen.push(progress),
    });

    expect(seen.length).toBeGreaterThan(ACCOUNTS);
    for (const [index, progress] of seen.entries()) {
      const before = seen[index - 1] ?? progress;
      expect(progress.events).toBeGreaterThanOrEqual(before.events);
      expect(progress.accounts).toBeGreaterThanOrEqual(before.accounts);
    }
    expect(seen.at(-1)).toEqual({
      events: events.length,
      accounts: ACCOUNTS,
      segmentsDone: 3,
      segments: 3,
    });
  });

  it('scans only the given segments, so workers can share one rebuild', async () => {
    const target = await emptyReadTables(app);

    const parts = await Promise.all(
      [[0, 1], [2], [3, 4]].map((segments) =>
        rebuildByName('Ledger', target.deps, { totalSegments: 5, segments }),
      ),
    );

    expect(parts.reduce((sum, part) => sum + part.events, 0)).toBe(events.length);
    expect((await target.rows()).ledger).toEqual(live.ledger);
  });

  it('rejects an unknown projection before reading anything, naming the known ones', async () => {
    const target = await emptyReadTables(app);

    const rebuild = rebuildByName('Balances', target.deps);

    await expect(rebuild).rejects.toThrow(UnknownProjectionError);
    await expect(rebuild).rejects.toThrow(
      'Unknown projection "Balances"; known: AccountSummaries, Ledger, Transfers',
    );
  });
});

describe('rebuilding over an event the code cannot read', () => {
  it('fails loudly, naming the account and version, instead of skipping it', async () => {
    const own = await createTestApp();
    const opened = await send(own.deps, {
      method: 'POST',
      path: '/accounts',
      body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 100 },
    });
    const accountId = String(opened.body['accountId']);
    await putRawEvent(own, { accountId, version: 3, type: 'MoneyDeposited', schema: 9, data: {} });
    const target = await emptyReadTables(own);

    const rebuild = rebuildByName('AccountSummaries', target.deps);

    await expect(rebuild).rejects.toThrow(UnreadableEventError);
    await expect(rebuild).rejects.toThrow(
      `Account ${accountId} version 3: MoneyDeposited schema 9 is not readable by this code`,
    );
  });
});
