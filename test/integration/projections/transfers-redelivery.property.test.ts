import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { faultyClient, type CrashMode, type FaultyClient } from '../transfers/faults.js';
import {
  receivedEvent,
  recorded,
  reversedEvent,
  sentEvent,
  storedRow,
  transfersConsumer,
} from './transfer-events.js';

let tables: TestTables;
let faulty: FaultyClient;

beforeAll(async () => {
  tables = await createTestTables();
  faulty = faultyClient(tables.client);
});

const transferArb = fc.record({
  from: fc.nat(3),
  to: fc.nat(2),
  outcome: fc.constantFrom('received', 'reversed', 'pending'),
  reference: fc.boolean(),
});

const batchArb = fc.record({
  accounts: fc.integer({ min: 2, max: 4 }),
  transfers: fc.array(transferArb, { minLength: 1, maxLength: 4 }),
  deposits: fc.array(fc.nat(3), { maxLength: 3 }),
  order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  duplicates: fc.array(fc.nat(), { maxLength: 3 }),
});

// Any calls of the writer (a read or a conditional put) fail, before or after they took effect.
const crashesArb = fc
  .array(fc.record({ at: fc.nat(30), mode: fc.constantFrom<CrashMode>('before', 'after') }), {
    maxLength: 4,
  })
  .map((crashes) => new Map(crashes.map(({ at, mode }) => [at, mode])));

type Batch = typeof batchArb extends fc.Arbitrary<infer T> ? T : never;

const envelope = { v: 1, kid: 'k', iv: 'i', ct: 'c' };

/** The batch's events for transfer ids under `prefix`: every event of a transfer on its accounts. */
const eventsOf = (batch: Batch, run: number, prefix: string): RecordedEvent[] => {
  const account = (n: number) => `acc-${String(run)}-${String(n % batch.accounts)}`;
  const versions = new Map<string, number>();
  const next = (id: string) => {
    versions.set(id, (versions.get(id) ?? 0) + 1);
    return versions.get(id) ?? 1;
  };
  const sides = batch.transfers.map((t, i) => {
    const from = t.from % batch.accounts;
    const to = (from + 1 + (t.to % (batch.accounts - 1))) % batch.accounts;
    return { ...t, id: `${prefix}-t${String(i)}`, from: account(from), to: account(to) };
  });
  const events = sides.map((t) => {
    const sent = sentEvent(t.from, next(t.from), t.id, t.to);
    return t.reference ? { ...sent, data: { ...sent.data, reference: envelope } } : sent;
  });
  for (const n of batch.deposits) {
    const id = account(n);
    events.push(
      recorded(id, next(id), 'MoneyDeposited', { amount: 1, currency: 'EUR', balanceAfter: 1 }),
    );
  }
  for (const t of sides) {
    if (t.outcome === 'received') events.push(receivedEvent(t.to, next(t.to), t.id, t.from));
    if (t.outcome === 'reversed') events.push(reversedEvent(t.from, next(t.from), t.id, t.to));
  }
  // The stream orders records per item only: any order across and within accounts, and repeats.
  const shuffled = events
    .map((event, i) => ({ event, key: batch.order[i % batch.order.length] ?? i, i }))
    .sort((x, y) => x.key - y.key || x.i - y.i)
    .map(({ event }) => event);
  for (const d of batch.duplicates) {
    const copy = shuffled[d % shuffled.length];
    if (copy) shuffled.splice(d % (shuffled.length + 1), 0, copy);
  }
  return shuffled;
};

const rowsOf = async (batch: Batch, prefix: string) =>
  Promise.all(
    batch.transfers.map(async (_t, i) => {
      const row = await storedRow(tables, `${prefix}-t${String(i)}`);
      return row === undefined ? undefined : { ...row, transferId: `t${String(i)}` };
    }),
  );

/** Whether the stored row already reflects an event (its TransferSent, or its settlement). */
const inPlace = async (event: RecordedEvent): Promise<boolean> => {
  if (!event.type.startsWith('Transfer')) return true;
  const row = await storedRow(tables, String(event.data['transferId']));
  return event.type === 'TransferSent'
    ? row?.['sentVersion'] === event.version
    : JSON.stringify(row?.['settledBy']) ===
        JSON.stringify({ accountId: event.streamId, version: event.version });
};

const seen = { failedRounds: 0, notFirst: 0 };

describe('redelivering a failed Transfers batch from the position it reports', () => {
  it('leaves exactly the rows a failure-free run leaves, and everything before it is in place', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(batchArb, crashesArb, async (batch, crashes) => {
        run += 1;
        const clean = eventsOf(batch, run, `r${String(run)}-clean`);
        expect(await transfersConsumer(tables.client, tables).consume(clean)).toBeUndefined();

        let pending = eventsOf(batch, run, `r${String(run)}-faulty`);
        faulty.plan(({ index }) => crashes.get(index));
        const consumer = transfersConsumer(faulty.client, tables);
        let rounds = 0;
        for (let failedAt = await consumer.consume(pending); failedAt !== undefined;) {
          rounds += 1;
          // Each injected crash fails at most one delivery: the loop must end.
          expect(rounds).toBeLessThanOrEqual(crashes.size);
          expect(failedAt).toBeGreaterThanOrEqual(0);
          expect(failedAt).toBeLessThan(pending.length);
          // Lambda acknowledges what comes before the position: it must all be applied.
          for (const event of pending.slice(0, failedAt)) {
            expect(await inPlace(event), `${event.streamId} v${String(event.version)}`).toBe(true);
          }
          seen.failedRounds += 1;
          if (failedAt > 0) seen.notFirst += 1;
          // Nothing at or after it is assumed applied: all of it is delivered again.
          pending = pending.slice(failedAt);
          failedAt = await consumer.consume(pending);
        }
        faulty.plan(undefined);

        expect(await rowsOf(batch, `r${String(run)}-faulty`)).toEqual(
          await rowsOf(batch, `r${String(run)}-clean`),
        );
      }),
      { numRuns: 40 },
    );
    // The property cannot pass vacuously: deliveries failed, some past the batch's first event.
    expect(seen.failedRounds).toBeGreaterThan(10);
    expect(seen.notFirst).toBeGreaterThan(0);
  }, 240_000);
});
