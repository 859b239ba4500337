import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { rebuildByName } from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';
import { dependenciesFor, deliver, emptyReadTables, foldedRows, seedAccounts } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await seedAccounts(app, 20);
}, 120_000);

const batchesOf = (events: readonly RecordedEvent[], size: number): RecordedEvent[][] =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, index) =>
    events.slice(index * size, (index + 1) * size),
  );

const ownerOf = (events: readonly RecordedEvent[], accountId: string): string =>
  String(events.find((e) => e.streamId === accountId && e.version === 1)?.data['ownerId']);

describe.each([
  { order: 'in stream order', reverse: false },
  { order: 'with later batches first (gaps to fill)', reverse: true },
])('a rebuild running beside the live projector delivering $order', ({ reverse }) => {
  it('leaves every row equal to a from-scratch fold, new commands included', async () => {
    const target = await emptyReadTables(app);
    const liveDeps = dependenciesFor(app, target);
    const before = await allEvents(app.deps);
    const batches = batchesOf(before, 15);
    const ordered = reverse ? batches.reverse() : batches;
    const delivered: number[] = [];
    const shard = (parity: number) => async () => {
      for (const batch of ordered.filter((_, index) => index % 2 === parity)) {
        await deliver(liveDeps, batch);
        delivered.push(performance.now());
      }
    };
    const timed = async (run: () => Promise<{ events: number }>) => {
      const start = performance.now();
      const result = await run();
      return { ...result, start, end: performance.now() };
    };
    const accounts = [...new Set(before.map((event) => event.streamId))].slice(0, 8);
    const commands = async () => {
      for (const accountId of accounts) {
        const sub = ownerOf(before, accountId);
        const response = await send(app.deps, {
          method: 'POST',
          path: `/accounts/${accountId}/deposits`,
          sub,
          body: { amount: 77 },
        });
        const version = Number(response.body['version']);
        // A closed account refuses the deposit: nothing new to deliver then.
        if (response.status === 200) {
          await deliver(liveDeps, await app.deps.store.load(accountId, { fromVersion: version }));
        }
      }
    };

    const results = await Promise.all([
      timed(() => rebuildByName('AccountSummaries', target.deps, { pageSize: 5 })),
      timed(() => rebuildByName('Ledger', target.deps, { pageSize: 5, totalSegments: 3 })),
      shard(0)(),
      shard(1)(),
      commands(),
    ]);

    const after = await allEvents(app.deps);
    expect(after.length).toBeGreaterThan(before.length);
    const [summaries] = results;
    expect(summaries.events).toBeGreaterThanOrEqual(before.length);
    // The live projector really wrote while the rebuild ran.
    expect(delivered.some((at) => at > summaries.start && at < summaries.end)).toBe(true);
    expect(await target.rows()).toEqual(foldedRows(after));
  });
});
