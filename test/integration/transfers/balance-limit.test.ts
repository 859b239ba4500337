import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BALANCE } from '../../../lambdas/domain/money.js';
import { send } from '../../support/app.js';
import {
  balanceOf,
  getTransfer,
  openAccount,
  startTransfer,
  transferEvents,
  transferStack,
} from './support.js';
import { type TransferWorld, transferWorld } from './transfer-world.js';
import { stepCommandId } from '../../../lambdas/transfers/index.js';

let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

/**
 * Brings an open account to the balance limit. A client gets there with about 9,000 deposits of
 * the largest amount; one stored deposit of their sum stands for them (the fold only reads
 * balanceAfter), as they would be stored.
 */
const fillToTheLimit = async (accountId: string, sub: string, limit = MAX_BALANCE) => {
  const balance = await balanceOf(world.app.deps, accountId);
  const events = await world.app.deps.store.load(accountId);
  const [opening] = events;
  await world.app.deps.store.append({
    streamId: accountId,
    expectedVersion: events.length,
    events: [
      {
        eventId: randomUUID(),
        type: 'MoneyDeposited',
        schema: 2,
        occurredAt: new Date().toISOString(),
        data: { amount: limit - balance, currency: 'EUR', balanceAfter: limit },
        metadata: { ...opening!.metadata, actorId: sub, commandId: randomUUID() },
      },
    ],
  });
};

const deposit = (accountId: string, sub: string, amount: number) =>
  send(world.app.deps, {
    method: 'POST',
    path: `/accounts/${accountId}/deposits`,
    sub,
    body: { amount },
  });

describe('a transfer from an account at the balance limit', () => {
  it('is reversed in full even when the source was refilled before the reversal', async () => {
    const from = await openAccount(world.app.deps, 'full', { currency: 'EUR' });
    const to = await openAccount(world.app.deps, 'usd-holder', { currency: 'USD' });
    world.watched.push(from, to);
    await fillToTheLimit(from, 'full');
    const started = await startTransfer(world.app.deps, 'full', {
      fromAccountId: from,
      toAccountId: to,
      amount: 5_000,
    });
    expect(started.status).toBe(202);
    const transferId = String(started.body['transferId']);
    // Before the process runs, the owner tops the account up again (accepted or refused).
    const refill = await deposit(from, 'full', 5_000);
    const refilled = refill.status === 200 ? 5_000 : 0;

    await world.stream.drain(world.app.deps.consumers);

    const row = await getTransfer(world.app.deps, 'full', transferId);
    expect(row.body['status']).toBe('reversed');
    expect(transferEvents(await world.app.deps.store.load(from)).map(([type]) => type)).toContain(
      'TransferReversed',
    );
    expect(await balanceOf(world.app.deps, from)).toBe(MAX_BALANCE - 5_000 + refilled + 5_000);
    expect(await balanceOf(world.app.deps, to)).toBe(10_000);
  });

  it('never stores a refused reversal as final: it is retried until it fits', async () => {
    const from = await openAccount(world.app.deps, 'brim', { currency: 'EUR' });
    const to = await openAccount(world.app.deps, 'usd-holder-2', { currency: 'USD' });
    world.watched.push(from, to);
    const started = await startTransfer(world.app.deps, 'brim', {
      fromAccountId: from,
      toAccountId: to,
      amount: 5_000,
    });
    const transferId = String(started.body['transferId']);
    // As if thousands of other reversals had landed first: the return no longer fits exactly.
    await fillToTheLimit(from, 'brim', Number.MAX_SAFE_INTEGER - 1_000);

    // A cold container: the seeded event went around the state cache of world.app.deps.
    const cold = transferStack(world.app.deps, world.app.deps.client).deps;
    const first = await world.stream.deliver(await world.stream.unacknowledged(), cold.consumers);
    const reverseRecord = await world.app.deps.commandLog.find(
      stepCommandId(transferId, 'reverse'),
    );
    const withdrawn = await send(cold, {
      method: 'POST',
      path: `/accounts/${from}/withdrawals`,
      sub: 'brim',
      body: { amount: 10_000 },
    });
    await world.stream.drain(cold.consumers);

    expect(first).toBe(false);
    expect(reverseRecord).toBeUndefined();
    expect(withdrawn.status).toBe(200);
    expect((await getTransfer(world.app.deps, 'brim', transferId)).body['status']).toBe('reversed');
    expect(await balanceOf(world.app.deps, from)).toBe(
      Number.MAX_SAFE_INTEGER - 1_000 - 10_000 + 5_000,
    );
  });
});
