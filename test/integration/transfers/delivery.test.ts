import { beforeAll, describe, expect, it } from 'vitest';
import { entryOf } from '../../../lambdas/application/command-outcome.js';
import type { CommandEntry, CommandLog } from '../../../lambdas/event-store/command-log.js';
import type { StreamConsumer } from '../../../lambdas/event-store/event-stream.js';
import {
  REPLAY_HORIZON_MS,
  stepCommandId,
  TransferProcess,
} from '../../../lambdas/transfers/index.js';
import { stepOnce, stepOutcomeOf } from '../../../lambdas/transfers/process-records.js';
import { systemClock } from '../../../lambdas/application/ports.js';
import {
  balanceOf,
  eventsOf,
  getTransfer,
  openAccount,
  startTransfer,
  transferEvents,
  transfersProjector,
  transferStack,
} from './support.js';
import { type TransferWorld, transferWorld } from './transfer-world.js';

let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

/** Two fresh accounts and a started (debited, not yet processed) transfer of 1,000 between them. */
const pendingTransfer = async (sub: string) => {
  const from = await openAccount(world.app.deps, sub);
  const to = await openAccount(world.app.deps, `${sub}-target`);
  world.watched.push(from, to);
  const started = await startTransfer(world.app.deps, sub, {
    fromAccountId: from,
    toAccountId: to,
    amount: 1_000,
  });
  expect(started.status).toBe(202);
  const id = String(started.body['transferId']);
  const sent = (await eventsOf(world.app.deps, from)).find(
    (event) => event.type === 'TransferSent',
  );
  return { from, to, id, sent: sent! };
};

const processOnly = (commandLog: CommandLog = world.app.deps.commandLog) =>
  new TransferProcess({
    service: world.app.deps.service,
    store: world.app.deps.store,
    commandLog,
    clock: systemClock,
    personalData: world.app.deps.personalData,
  });

describe('redelivery of transfer events', () => {
  it('credits once however often TransferSent is delivered', async () => {
    const { from, to, id, sent } = await pendingTransfer('dup');

    await world.stream.drain(world.app.deps.consumers);
    for (let round = 0; round < 3; round += 1) {
      await world.stream.deliver([sent, sent], world.app.deps.consumers);
    }

    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([['TransferReceived', id]]);
    expect([await balanceOf(world.app.deps, from), await balanceOf(world.app.deps, to)]).toEqual([
      9_000, 11_000,
    ]);
  });

  it('credits once when two consumers settle the same transfer at the same time', async () => {
    const { to, id, sent } = await pendingTransfer('race');
    const other = transferStack(world.app.deps, world.app.deps.client);

    const results = await Promise.allSettled([
      processOnly().consume([sent]),
      other.transfers.process.consume([sent]),
    ]);
    await world.stream.drain(world.app.deps.consumers);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([['TransferReceived', id]]);
    expect(await balanceOf(world.app.deps, to)).toBe(11_000);
  });

  it('projects the same row when the credit arrives before TransferSent', async () => {
    const { to, id, sent } = await pendingTransfer('order');
    await processOnly().consume([sent]);
    const received = (await eventsOf(world.app.deps, to)).find(
      (e) => e.type === 'TransferReceived',
    )!;

    const early = await transfersProjector(world.app.deps).consume([received]);
    const partial = await world.app.deps.transfers.queries.row(id);
    const hidden = await getTransfer(world.app.deps, 'order', id);
    const late = await transfersProjector(world.app.deps).consume([sent, received, sent]);
    const view = await getTransfer(world.app.deps, 'order', id);

    expect([early, late]).toEqual([undefined, undefined]);
    expect(partial).toMatchObject({ status: 'completed', toAccountId: to });
    expect(partial?.ownerId).toBeUndefined();
    expect(hidden.status).toBe(404);
    expect(view.body).toMatchObject({ status: 'completed', amount: 1_000, currency: 'EUR' });
    expect(view.body['createdAt']).toBe(sent.occurredAt);
  });

  it('keeps a pending row pending when TransferSent is delivered again', async () => {
    const { id, sent } = await pendingTransfer('replay');

    await transfersProjector(world.app.deps).consume([sent, sent]);

    expect((await world.app.deps.transfers.queries.row(id))?.status).toBe('pending');
  });
});

describe('the credit-or-refuse decision is final', () => {
  const recordRefusal = async (id: string, sentTo: string) => {
    // What an earlier delivery left when the target refused for a passing reason and the
    // process crashed before reversing: the refusal is stored, nothing else happened yet.
    await world.app.deps.commandLog.record(
      entryOf(
        stepOnce(id, 'credit'),
        {
          ok: false,
          accountId: sentTo,
          error: { code: 'balance-limit-exceeded', balance: 0, requested: 1_000 },
        },
        systemClock.now(),
      ),
    );
  };

  it('reverses a transfer whose credit was refused, though the target would accept it now', async () => {
    const { from, to, id, sent } = await pendingTransfer('hazard');
    await recordRefusal(id, to);

    await processOnly().consume([sent]);
    await world.stream.drain(world.app.deps.consumers);

    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([]);
    expect(await balanceOf(world.app.deps, from)).toBe(10_000);
    expect((await getTransfer(world.app.deps, 'hazard', id)).body).toMatchObject({
      status: 'reversed',
      reason: 'balance-limit-exceeded',
    });
  });

  it('lets a stale delivery that missed the stored refusal lose its credit', async () => {
    const { from, to, id, sent } = await pendingTransfer('stale');
    await recordRefusal(id, to);
    let reads = 0;
    // A delivery that read the step record just before the refusal was stored.
    const stale: CommandLog = {
      record: (entry) => world.app.deps.commandLog.record(entry),
      find: async (commandId): Promise<CommandEntry | undefined> => {
        reads += 1;
        return reads === 1 ? undefined : world.app.deps.commandLog.find(commandId);
      },
    };

    const failed = await processOnly(stale).consume([sent]);
    await world.stream.drain(world.app.deps.consumers);

    // The stale read and the reversal's read: losing the race on the credit record answers the
    // stored refusal from the cancelled write itself (ADR 0131; a third read before it).
    expect(reads).toBe(2);
    expect(failed).toBeUndefined();
    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([]);
    expect(transferEvents(await eventsOf(world.app.deps, from))).toEqual([
      ['TransferSent', id],
      ['TransferReversed', id],
    ]);
    expect(await balanceOf(world.app.deps, from)).toBe(10_000);
  });

  it('stores the decision under the deterministic credit command id', async () => {
    const { to, id, sent } = await pendingTransfer('ids');

    await processOnly().consume([sent]);

    const record = await world.app.deps.commandLog.find(stepCommandId(id, 'credit'));
    const received = (await eventsOf(world.app.deps, to)).find(
      (e) => e.type === 'TransferReceived',
    );
    expect(stepOutcomeOf(record!)).toEqual({ outcome: 'accepted' });
    expect(record!.outcome).toMatchObject({ kind: 'accepted', accountId: to });
    expect(record!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);
    expect(received?.metadata).toMatchObject({
      actorId: 'system:transfer-process',
      actorKind: 'system',
      commandId: `transfer:${id}:credit`,
      causationId: sent.eventId,
      correlationId: sent.metadata.correlationId,
    });
  });
});

describe('the replay horizon', () => {
  it('never acts on a TransferSent older than its step records live', async () => {
    const { from, to, sent } = await pendingTransfer('ancient');
    const aYearOn = { now: () => new Date(Date.parse(sent.occurredAt) + REPLAY_HORIZON_MS + 1) };
    const late = new TransferProcess({
      service: world.app.deps.service,
      store: world.app.deps.store,
      commandLog: world.app.deps.commandLog,
      clock: aYearOn,
      personalData: world.app.deps.personalData,
    });

    const failedAt = await late.consume([sent]);

    expect(failedAt).toBeUndefined();
    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([]);
    expect(await balanceOf(world.app.deps, from)).toBe(9_000);
  });
});

describe('consumers of one stream', () => {
  it('settles transfers while another consumer fails, and redelivery duplicates nothing', async () => {
    const { from, to, id } = await pendingTransfer('isolated');
    const broken: StreamConsumer = {
      name: 'Broken',
      consume: () => Promise.reject(new Error('read model table unavailable')),
    };

    const healthy = await world.stream.deliver(await world.stream.unacknowledged(), [
      broken,
      ...world.app.deps.consumers,
    ]);
    const settledMeanwhile = transferEvents(await eventsOf(world.app.deps, to));
    await world.stream.drain(world.app.deps.consumers);

    expect(healthy).toBe(false);
    expect(settledMeanwhile).toEqual([['TransferReceived', id]]);
    expect(transferEvents(await eventsOf(world.app.deps, to))).toEqual([['TransferReceived', id]]);
    expect(await balanceOf(world.app.deps, from)).toBe(9_000);
    expect((await getTransfer(world.app.deps, 'isolated', id)).body['status']).toBe('completed');
  });
});
