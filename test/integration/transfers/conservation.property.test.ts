import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, send, type TestApp, type TestResponse } from '../../support/app.js';
import { faultyClient, randomCrashes, seededRandom, type FaultyClient } from './faults.js';
import {
  balanceOf,
  openAccount,
  startTransfer,
  transferStack,
  unknownAccountId,
  type TransferStack,
} from './support.js';
import { SimulatedStream } from './transfer-world.js';

type Op =
  | { readonly kind: 'deposit' | 'withdraw'; readonly account: number; readonly amount: number }
  | {
      readonly kind: 'transfer';
      readonly from: number;
      readonly to: number;
      readonly amount: number;
    }
  | { readonly kind: 'close'; readonly account: number }
  | { readonly kind: 'deliver'; readonly batch: number; readonly duplicates: number };

/** Three EUR accounts and one USD account; target 4 is an account that does not exist. */
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD'] as const;
const account = fc.integer({ min: 0, max: 3 });
const amount = fc.integer({ min: 1, max: 6_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      from: account,
      to: fc.integer({ min: 0, max: 4 }),
      amount,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('deposit' as const, 'withdraw' as const),
      account,
      amount,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), account }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      batch: fc.integer({ min: 1, max: 6 }),
      duplicates: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

let app: TestApp;
let faulty: FaultyClient;
let crashing: TransferStack;

beforeAll(async () => {
  app = await createTestApp();
  faulty = faultyClient(app.deps.client);
  crashing = transferStack(app.deps, faulty.client);
});

/** One property run: its accounts, what was moved in and out, and its own stream. */
class Run {
  readonly moved = new Map<string, number>();
  readonly transfers: string[] = [];
  private keys = 0;

  constructor(
    readonly accounts: readonly string[],
    readonly stream: SimulatedStream,
    readonly random: () => number,
  ) {}

  book(currency: string, delta: number): void {
    this.moved.set(currency, (this.moved.get(currency) ?? 0) + delta);
  }

  /** Sends through the crashing stack, retrying with the same Idempotency-Key past every 5xx. */
  async request(perform: (headers: Record<string, string>) => Promise<TestResponse>) {
    const headers = { 'idempotency-key': `op-${this.accounts[0]}-${(this.keys += 1)}` };
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const response = await perform(headers);
      if (response.status < 500) {
        return response;
      }
    }
    throw new Error('request kept failing');
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const ownerOf = (index: number) => `prop-owner-${index}`;

const move = async (run: Run, kind: 'deposit' | 'withdraw', index: number, amount: number) => {
  const id = run.accounts[index]!;
  const path = `/accounts/${id}/${kind === 'deposit' ? 'deposits' : 'withdrawals'}`;
  const response = await run.request((headers) =>
    send(crashing.deps, { method: 'POST', path, sub: ownerOf(index), body: { amount }, headers }),
  );
  if (response.status === 200) {
    run.book(CURRENCIES[index]!, kind === 'deposit' ? amount : -amount);
  }
};

const apply = async (run: Run, step: Op): Promise<void> => {
  switch (step.kind) {
    case 'deposit':
    case 'withdraw':
      return move(run, step.kind, step.account, step.amount);
    case 'close': {
      // Empty it first (what is withdrawn leaves the system), then close.
      const balance = await balanceOf(app.deps, run.accounts[step.account]!);
      if (balance > 0) {
        await move(run, 'withdraw', step.account, balance);
      }
      const path = `/accounts/${run.accounts[step.account]!}/close`;
      await run.request((headers) =>
        send(crashing.deps, { method: 'POST', path, sub: ownerOf(step.account), headers }),
      );
      return;
    }
    case 'transfer': {
      const toAccountId = run.accounts[step.to] ?? unknownAccountId();
      const body = { fromAccountId: run.accounts[step.from]!, toAccountId, amount: step.amount };
      const response = await run.request((headers) =>
        startTransfer(crashing.deps, ownerOf(step.from), body, headers),
      );
      if (response.status === 202) {
        run.transfers.push(String(response.body['transferId']));
      }
      return;
    }
    case 'deliver':
      return deliverShuffled(run, step.batch, step.duplicates);
  }
};

/** Delivers what is pending in random order and batches, with duplicates, through crashes. */
const deliverShuffled = async (run: Run, batch: number, duplicates: number) => {
  const all = await run.stream.all();
  const pending = await run.stream.unacknowledged();
  const repeated = run.shuffled(all).slice(0, duplicates);
  const events = run.shuffled([...pending, ...repeated]);
  for (let start = 0; start < events.length; start += batch) {
    await run.stream.deliver(events.slice(start, start + batch), crashing.consumers);
  }
};

const settlementsOf = (events: readonly RecordedEvent[], transferId: string): string[] =>
  events
    .filter((e) => e.data['transferId'] === transferId && e.type !== 'TransferSent')
    .map((e) => e.type);

/** What the runs exercised, so the property cannot pass vacuously. */
const seen = { crashes: 0, completed: 0, reversed: 0 };

const check = async (run: Run): Promise<void> => {
  const events = await run.stream.all();
  const sent = events.filter((event) => event.type === 'TransferSent');
  expect(sent.map((event) => event.data['transferId']).sort()).toEqual([...run.transfers].sort());
  for (const transferId of run.transfers) {
    const settlements = settlementsOf(events, transferId);
    const row = await app.deps.transfers.queries.row(transferId);
    expect(settlements.length, `${transferId} settled once`).toBe(1);
    expect(row?.status).toBe(settlements[0] === 'TransferReceived' ? 'completed' : 'reversed');
    seen[row?.status === 'completed' ? 'completed' : 'reversed'] += 1;
  }
  const balances = await Promise.all(run.accounts.map((id) => balanceOf(app.deps, id)));
  const total = (currency: string) =>
    balances.reduce((sum, balance, i) => sum + (CURRENCIES[i] === currency ? balance : 0), 0);
  expect(balances.every((balance) => balance >= 0)).toBe(true);
  expect({ EUR: total('EUR'), USD: total('USD') }).toEqual({
    EUR: run.moved.get('EUR') ?? 0,
    USD: run.moved.get('USD') ?? 0,
  });
};

describe('transfers under random faults', () => {
  it('settles every transfer exactly once and conserves money', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 3, maxLength: 14 }),
        fc.integer(),
        async (ops, seed) => {
          runs += 1;
          const accounts: string[] = [];
          const run = new Run(
            accounts,
            new SimulatedStream(app.deps, () => accounts),
            seededRandom(seed),
          );
          for (const [index, currency] of CURRENCIES.entries()) {
            const initialDeposit = 5_000 + index * 1_000;
            accounts.push(
              await openAccount(app.deps, ownerOf(index), { currency, initialDeposit }),
            );
            run.book(currency, initialDeposit);
          }
          faulty.plan(randomCrashes(0.12, run.random));
          for (const step of ops) {
            await apply(run, step);
          }
          await deliverShuffled(run, 3, 2);
          seen.crashes += faulty.crashes.length;
          faulty.plan(undefined);
          await run.stream.drain(app.deps.consumers);

          await check(run);
        },
      ),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
    expect(seen.crashes).toBeGreaterThan(25);
    expect(seen.completed).toBeGreaterThan(5);
    expect(seen.reversed).toBeGreaterThan(5);
  }, 300_000);
});
