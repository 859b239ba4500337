import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../support/app.js';
import { balanceOf, eventsOf, getTransfer, transferEvents, unknownAccountId } from './support.js';
import { type TransferWorld, transferWorld } from './transfer-world.js';

// A target that cannot take the money refuses the credit; the source is compensated (reversed).
let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

describe('refusals by the target, compensated on the source', () => {
  const refusedBy = async (to: string, reason: string) => {
    const from = await world.account('nina');

    const { started, id } = await world.transfer('nina', {
      fromAccountId: from,
      toAccountId: to,
      amount: 4_000,
    });
    const view = await getTransfer(world.app.deps, 'nina', id);

    expect(started.status).toBe(202);
    expect(view.body).toMatchObject({ status: 'reversed', reason });
    expect(await balanceOf(world.app.deps, from)).toBe(10_000);
    expect(transferEvents(await eventsOf(world.app.deps, from))).toEqual([
      ['TransferSent', id],
      ['TransferReversed', id],
    ]);
    return { from, id };
  };

  it('reverses a transfer to an account that does not exist', async () => {
    await refusedBy(unknownAccountId(), 'account-not-found');
  });

  it('reverses a transfer to a closed account', async () => {
    const to = await world.account('olga', 0);
    await send(world.app.deps, { method: 'POST', path: `/accounts/${to}/close`, sub: 'olga' });

    await refusedBy(to, 'account-closed');

    expect(await balanceOf(world.app.deps, to)).toBe(0);
  });

  it('reverses a transfer to an account in another currency', async () => {
    const to = await world.account('pete', 0, 'USD');

    await refusedBy(to, 'currency-mismatch');

    expect(await balanceOf(world.app.deps, to)).toBe(0);
  });

  it('shows the reversal on the source ledger with the counterparty', async () => {
    const to = unknownAccountId();
    const { from, id } = await refusedBy(to, 'account-not-found');

    const ledger = await send(world.app.deps, {
      method: 'GET',
      path: `/accounts/${from}/transactions`,
      sub: 'nina',
    });

    expect(ledger.body['transactions']).toContainEqual(
      expect.objectContaining({
        type: 'TransferReversed',
        direction: 'credit',
        transferId: id,
        counterpartyAccountId: to,
        balanceAfter: 10_000,
      }),
    );
  });
});
