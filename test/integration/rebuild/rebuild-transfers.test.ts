import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildByName } from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';
import { openAccount, startTransfer } from '../transfers/support.js';
import { SimulatedStream } from '../transfers/transfer-world.js';
import { emptyReadTables, readRows, scanAll } from './support.js';

let app: TestApp;
const watched: string[] = [];

type Row = Record<string, unknown> & { transferId: string };

// `revision` counts the writes that changed a row, which depends on delivery order; the rest must match.
const transferRows = async (table: string) =>
  (await scanAll<Row>(app.deps.client, table))
    .map(({ revision: _, ...row }) => row)
    .sort((a, b) => a.transferId.localeCompare(b.transferId));

beforeAll(async () => {
  app = await createTestApp();
  const stream = new SimulatedStream(app.deps, () => watched);
  const open = async (sub: string, options: { currency?: string; initialDeposit?: number }) => {
    const id = await openAccount(app.deps, sub, options);
    watched.push(id);
    return id;
  };
  const alice = await open('alice', { initialDeposit: 10_000 });
  const bob = await open('bob', { initialDeposit: 500 });
  const closed = await open('carol', { initialDeposit: 1 });
  await send(app.deps, {
    method: 'POST',
    path: `/accounts/${closed}/withdrawals`,
    sub: 'carol',
    body: { amount: 1 },
  });
  await send(app.deps, { method: 'POST', path: `/accounts/${closed}/close`, sub: 'carol' });
  for (const [sub, from, to, amount] of [
    ['alice', alice, bob, 2_500],
    ['bob', bob, alice, 100],
    ['alice', alice, closed, 300],
    ['alice', alice, bob, 42],
  ] as const) {
    expect(
      (await startTransfer(app.deps, sub, { fromAccountId: from, toAccountId: to, amount })).status,
    ).toBe(202);
  }
  await stream.drain(app.deps.consumers);
}, 60_000);

describe('rebuilding the Transfers read model', () => {
  it('gives rows equal to the live-projected ones, with the account read models', async () => {
    const live = await transferRows(app.tables.names.Transfers);
    const target = await emptyReadTables(app);
    const events = (await allEvents(app.deps)).length;

    const results = await Promise.all(
      ['Transfers', 'AccountSummaries', 'Ledger'].map((name) =>
        rebuildByName(name, target.deps, { pageSize: 4 }),
      ),
    );

    expect(results.map((result) => result.events)).toEqual([events, events, events]);
    expect(live).toHaveLength(4);
    expect(new Set(live.map((row) => row['status']))).toEqual(new Set(['completed', 'reversed']));
    expect(await transferRows(target.tables.names.Transfers)).toEqual(live);
    expect(await target.rows()).toEqual(await readRows(app.deps.client, app.tables.names));
  });
});
