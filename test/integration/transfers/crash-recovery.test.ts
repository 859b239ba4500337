import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { crashAt, faultyClient, type CrashMode, type FaultyClient } from './faults.js';
import {
  balanceOf,
  eventsOf,
  getTransfer,
  openAccount,
  startTransfer,
  transferEvents,
  transferStack,
  transfersProjector,
  type TransferStack,
} from './support.js';
import { SimulatedStream } from './transfer-world.js';

let app: TestApp;
let faulty: FaultyClient;
let crashing: TransferStack;
let stream: SimulatedStream;
const watched: string[] = [];
const modes: readonly CrashMode[] = ['before', 'after'];

beforeAll(async () => {
  app = await createTestApp();
  faulty = faultyClient(app.deps.client);
  crashing = transferStack(app.deps, faulty.client);
  stream = new SimulatedStream(app.deps, () => watched);
});

interface Scenario {
  readonly from: string;
  readonly to: string;
  readonly id: string;
  readonly sent: RecordedEvent;
}

/** A debited, unprocessed transfer of 1,000; `closedTarget` makes the target refuse it. */
const scenario = async (closedTarget: boolean): Promise<Scenario> => {
  const from = await openAccount(app.deps, 'sender');
  const to = await openAccount(app.deps, 'receiver', { initialDeposit: closedTarget ? 0 : 500 });
  if (closedTarget) {
    await send(app.deps, { method: 'POST', path: `/accounts/${to}/close`, sub: 'receiver' });
  }
  watched.push(from, to);
  const started = await startTransfer(app.deps, 'sender', {
    fromAccountId: from,
    toAccountId: to,
    amount: 1_000,
  });
  const id = String(started.body['transferId']);
  const sent = (await eventsOf(app.deps, from)).find((event) => event.type === 'TransferSent')!;
  return { from, to, id, sent };
};

/** The DynamoDB calls one clean settlement of a scenario makes, in order. */
const callsOfProcess = async (closedTarget: boolean): Promise<string[]> => {
  const { sent } = await scenario(closedTarget);
  faulty.plan(() => undefined);
  await crashing.transfers.process.consume([sent]);
  const calls = [...faulty.calls];
  faulty.plan(undefined);
  await stream.drain(app.deps.consumers);
  return calls;
};

const expectSettled = async ({ from, to, id }: Scenario, closedTarget: boolean): Promise<void> => {
  const view = await getTransfer(app.deps, 'sender', id);
  if (closedTarget) {
    expect(transferEvents(await eventsOf(app.deps, from))).toEqual([
      ['TransferSent', id],
      ['TransferReversed', id],
    ]);
    expect(transferEvents(await eventsOf(app.deps, to))).toEqual([]);
    expect([await balanceOf(app.deps, from), await balanceOf(app.deps, to)]).toEqual([10_000, 0]);
    expect(view.body).toMatchObject({ status: 'reversed', reason: 'account-closed' });
  } else {
    expect(transferEvents(await eventsOf(app.deps, to))).toEqual([['TransferReceived', id]]);
    expect([await balanceOf(app.deps, from), await balanceOf(app.deps, to)]).toEqual([
      9_000, 1_500,
    ]);
    expect(view.body).toMatchObject({ status: 'completed' });
  }
};

describe.each([
  ['a credited transfer', false],
  ['a refused and reversed transfer', true],
])('a crash at every step of the process for %s', (_name, closedTarget) => {
  it('resumes on redelivery and settles exactly once', async () => {
    const calls = await callsOfProcess(closedTarget);
    // Credit: read the decision, load the target, append TransferReceived with the decision.
    // Refusal: ... store the refusal, read the reversal record, load the source, append the reversal.
    expect(calls).toEqual(
      closedTarget
        ? [
            'GetCommand',
            'QueryCommand',
            'PutCommand',
            'GetCommand',
            'QueryCommand',
            'TransactWriteItemsCommand',
          ]
        : ['GetCommand', 'QueryCommand', 'TransactWriteItemsCommand'],
    );

    for (const [at, command] of calls.entries()) {
      for (const mode of modes) {
        const current = await scenario(closedTarget);
        faulty.plan(crashAt(at, mode));

        const failedAt = await crashing.transfers.process.consume([current.sent]);
        const crashes = [...faulty.crashes];
        faulty.plan(undefined);
        await stream.drain(app.deps.consumers);

        expect({ at, command, mode, failedAt, crashed: crashes.length }).toEqual({
          at,
          command,
          mode,
          failedAt: 0,
          crashed: 1,
        });
        await expectSettled(current, closedTarget);
      }
    }
  });
});

describe('a crash at every step of the Transfers projector', () => {
  it('projects the same row after redelivery', async () => {
    const settledEvents = async (current: Scenario) => [
      current.sent,
      (await eventsOf(app.deps, current.to)).find((e) => e.type === 'TransferReceived')!,
    ];
    // Two events, each applied by a consistent read and a conditional put.
    const steps = ['GetCommand', 'PutCommand', 'GetCommand', 'PutCommand'];

    for (const [at, command] of steps.entries()) {
      for (const mode of modes) {
        const current = await scenario(false);
        await app.deps.transfers.process.consume([current.sent]);
        const events = await settledEvents(current);
        faulty.plan(crashAt(at, mode));

        const failedAt = await crashing.projector.consume(events);
        const calls = [...faulty.calls];
        faulty.plan(undefined);
        const redelivered = await transfersProjector(app.deps).consume(events);

        expect({ at, mode, failedAt, crashedIn: calls[at] }).toEqual({
          at,
          mode,
          failedAt: at < 2 ? 0 : 1,
          crashedIn: command,
        });
        expect(redelivered).toBeUndefined();
        await stream.drain(app.deps.consumers);
        await expectSettled(current, false);
      }
    }
  });
});

describe('a crash at every step of POST /transfers', () => {
  it('debits exactly once when the client retries with its Idempotency-Key', async () => {
    const probe = await scenario(false);
    faulty.plan(() => undefined);
    await startTransfer(
      crashing.deps,
      'sender',
      { fromAccountId: probe.from, toAccountId: probe.to, amount: 1 },
      { 'idempotency-key': 'probe' },
    );
    const calls = [...faulty.calls];
    // The second GetCommand reads the key's record id from before ADR 0092 (until its TTL).
    expect(calls).toEqual([
      'GetCommand',
      'GetCommand',
      'QueryCommand',
      'TransactWriteItemsCommand',
    ]);

    for (const at of calls.keys()) {
      for (const mode of modes) {
        const from = await openAccount(app.deps, 'sender');
        const body = { fromAccountId: from, toAccountId: probe.to, amount: 300 };
        const key = { 'idempotency-key': `k-${at}-${mode}` };
        faulty.plan(crashAt(at, mode));

        const crashed = await startTransfer(crashing.deps, 'sender', body, key);
        faulty.plan(undefined);
        const retried = await startTransfer(app.deps, 'sender', body, key);

        const sent = (await eventsOf(app.deps, from)).filter((e) => e.type === 'TransferSent');
        expect({ at, mode, status: crashed.status }).toEqual({ at, mode, status: 500 });
        expect(retried.status).toBe(202);
        expect(sent.map((event) => event.data['transferId'])).toEqual([retried.body['transferId']]);
        expect(await balanceOf(app.deps, from)).toBe(9_700);
      }
    }
  });
});
