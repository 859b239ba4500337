import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { loadConfig } from '../../../lambdas/config.js';
import { buildDependencies, type Dependencies } from '../../../lambdas/dependencies.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { upcast } from '../../../lambdas/event-store/upcasters.js';
import {
  evolveSummary,
  type AccountSummaryRow,
} from '../../../lambdas/projections/account-summary.projection.js';
import { ledgerRowsOf, type LedgerRow } from '../../../lambdas/projections/ledger.projection.js';
import type { RebuildDeps } from '../../../lambdas/projections/rebuild-registry.js';
import {
  projectedEvent,
  type ProjectedEvent,
} from '../../../lambdas/projections/projected-event.js';
import { dispatchBatch } from '../../../lambdas/event-store/event-stream.js';
import { send, type TestApp } from '../../support/app.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { streamEventOf } from '../../support/stream.js';
import { depositV1, putRawEvent } from '../upcasting/raw-events.js';

export interface ReadRows {
  readonly summaries: AccountSummaryRow[];
  readonly ledger: LedgerRow[];
}

const post = async (app: TestApp, sub: string, path: string, body: unknown) => {
  const response = await send(app.deps, { method: 'POST', path, sub, body });
  expect(response.status).toBeLessThan(300);
  return response.body;
};

/** One account's deterministic history: deposits, withdrawals, maybe a close or legacy deposits. */
const seedAccount = async (app: TestApp, index: number): Promise<void> => {
  const sub = `owner-${index % 5}`;
  const opened = await post(app, sub, '/accounts', {
    holderName: `Holder ${index}`,
    currency: 'EUR',
    initialDeposit: 1_000 + index * 100,
  });
  const id = String(opened['accountId']);
  let balance = Number(opened['balance']);
  let version = Number(opened['version']);
  for (let step = 0; step < 4 + (index % 8); step += 1) {
    const withdraw = step % 3 === 2;
    const amount = withdraw ? Math.floor(balance / 3) + 1 : 250 + step * 17;
    const kind = withdraw ? 'withdrawals' : 'deposits';
    const result = await post(app, sub, `/accounts/${id}/${kind}`, { amount });
    balance = Number(result['balance']);
    version = Number(result['version']);
  }
  if (index % 10 === 9) {
    await post(app, sub, `/accounts/${id}/withdrawals`, { amount: balance });
    await post(app, sub, `/accounts/${id}/close`, {});
  } else if (index % 7 === 3) {
    // Two deposits as the first, float-based release stored them: the rebuild must upcast them.
    for (const cents of [1_234, 1]) {
      balance += cents;
      version += 1;
      const data = depositV1(cents / 100, balance / 100);
      await putRawEvent(app, { accountId: id, version, type: 'MoneyDeposited', schema: 1, data });
    }
  }
};

/** Opens `count` accounts (ten at a time) with a few hundred events between them. */
export const seedAccounts = async (app: TestApp, count: number): Promise<void> => {
  for (let start = 0; start < count; start += 10) {
    const indexes = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i);
    await Promise.all(indexes.map((index) => seedAccount(app, index)));
  }
};

const byKey = <T extends { accountId: string; version?: number }>(rows: T[]): T[] =>
  rows.sort(
    (a, b) => a.accountId.localeCompare(b.accountId) || (a.version ?? 0) - (b.version ?? 0),
  );

/** The rows a from-scratch fold of every event gives: what each read table must hold. */
export const foldedRows = (events: readonly RecordedEvent[]): ReadRows => {
  const accounts = new Map<string, ProjectedEvent[]>();
  for (const event of events.map((stored) => projectedEvent(upcast(stored)))) {
    accounts.set(event.streamId, [...(accounts.get(event.streamId) ?? []), event]);
  }
  const summaries = [...accounts.values()].flatMap((own) => {
    const row = own.sort((a, b) => a.version - b.version).reduce(evolveSummary, null);
    return row ? [row] : [];
  });
  const ledger = [...accounts.values()].flatMap((own) => ledgerRowsOf(own));
  return { summaries: byKey(summaries), ledger: byKey(ledger) };
};

/** Every item of a table (strongly consistent). */
export const scanAll = async <T>(client: DynamoDBDocumentClient, table: string): Promise<T[]> => {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** What the read tables of a set of table names hold now. */
export const readRows = async (
  client: DynamoDBDocumentClient,
  tables: { AccountSummaries: string; Ledger: string },
): Promise<ReadRows> => ({
  summaries: byKey(await scanAll<AccountSummaryRow>(client, tables.AccountSummaries)),
  ledger: byKey(await scanAll<LedgerRow>(client, tables.Ledger)),
});

/** Empty read tables over the app's Events table: what a rebuild writes into. */
export interface RebuildTarget {
  readonly tables: TestTables;
  readonly deps: RebuildDeps;
  rows(): Promise<ReadRows>;
}

export const emptyReadTables = async (app: TestApp): Promise<RebuildTarget> => {
  const tables = await createTestTables();
  const deps: RebuildDeps = {
    client: app.deps.client,
    store: app.deps.store,
    config: {
      tables: {
        ...app.deps.config.tables,
        AccountSummaries: tables.names.AccountSummaries,
        Ledger: tables.names.Ledger,
        Transfers: tables.names.Transfers,
      },
    },
  };
  return { tables, deps, rows: () => readRows(app.deps.client, tables.names) };
};

/** The handlers' dependencies over the app's event store with the target's read tables. */
export const dependenciesFor = (app: TestApp, target: RebuildTarget): Dependencies =>
  buildDependencies(
    loadConfig({
      TABLE_PREFIX: app.tables.prefix,
      DYNAMODB_ENDPOINT: app.tables.endpoint,
      KEY_STRATEGY: 'local',
      LOCAL_MASTER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'ledger-keys-')), 'master.key'),
      ACCOUNT_SUMMARIES_TABLE: target.tables.names.AccountSummaries,
      LEDGER_TABLE: target.tables.names.Ledger,
      TRANSFERS_TABLE: target.tables.names.Transfers,
    }),
  );

/**
 * Delivers events to the live consumers as Lambda would: on a reported failure it redelivers the
 * batch from the failed record on, a bounded number of times.
 */
export const deliver = async (deps: Dependencies, events: readonly RecordedEvent[]) => {
  let records = streamEventOf(events).Records;
  for (let attempt = 0; records.length > 0; attempt += 1) {
    expect(attempt).toBeLessThan(20);
    const { batchItemFailures } = await dispatchBatch({ Records: records }, deps.consumers);
    const failed = batchItemFailures[0]?.itemIdentifier;
    const from = records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
    records = failed === undefined ? [] : records.slice(from);
    if (records.length > 0) {
      await sleep(10 * (attempt + 1));
    }
  }
};
