import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildByName } from '../../../lambdas/projections/rebuild-registry.js';
import { erasePersonalData } from '../../support/app.js';
import { type TransferWorld, transferWorld } from '../transfers/transfer-world.js';

// An erased owner's Ledger rows must not keep the payment reference, not even as ciphertext under
// the destroyed key: the row holds what the owner's statement shows, and an erased owner has none.
let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

/** The raw Ledger rows of an account, as [type, whether it holds a reference or its binding]. */
const referencesIn = async (accountId: string): Promise<[unknown, boolean][]> => {
  const { Items = [] } = await world.app.deps.client.send(
    new QueryCommand({
      TableName: world.app.deps.config.tables.Ledger,
      KeyConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
      ConsistentRead: true,
    }),
  );
  return Items.map((row) => [row['type'], 'reference' in row || 'referenceBinding' in row]);
};

/** A settled transfer of all the sender's money with a reference; the sender may then be erased. */
const settled = (sender: string, receiver: string) =>
  world.settledTransfer(sender, receiver, 'Rent December');

const erase = async (sub: string) => {
  const erased = await erasePersonalData(world.app.deps, sub);
  expect(erased.status).toBe(202);
};

describe("an erased owner's Ledger rows", () => {
  it("lose the sender's reference once the erasure is projected; the receiver keeps theirs", async () => {
    const { from, to } = await settled('ledger-erase-a', 'ledger-erase-b');
    expect(await referencesIn(from)).toContainEqual(['TransferSent', true]);

    await erase('ledger-erase-a');
    await world.stream.drain(world.app.deps.consumers);

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
    expect(await referencesIn(to)).toEqual([['TransferReceived', true]]);
  });

  it('hold no reference when the whole history, erasure included, is delivered again', async () => {
    const { from } = await settled('ledger-erase-c', 'ledger-erase-d');
    await erase('ledger-erase-c');
    await world.stream.drain(world.app.deps.consumers);

    expect(
      await world.stream.deliver(await world.app.deps.store.load(from), world.app.deps.consumers),
    ).toBe(true);

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
  });

  it('hold no reference after a rebuild of the Ledger from the events', async () => {
    const { from, to } = await settled('ledger-erase-e', 'ledger-erase-f');
    await erase('ledger-erase-e');
    await world.stream.drain(world.app.deps.consumers);

    await rebuildByName('Ledger', {
      client: world.app.deps.client,
      store: world.app.deps.store,
      config: world.app.deps.config,
    });

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
    expect(await referencesIn(to)).toEqual([['TransferReceived', true]]);
  });
});
