import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildByName } from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { openAccount, SimulatedStream, startTransfer } from '../transfers/support.js';

// An erased owner's Ledger rows must not keep the payment reference, not even as ciphertext under
// the destroyed key: the row holds what the owner's statement shows, and an erased owner has none.
let app: TestApp;
let stream: SimulatedStream;
const watched: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  stream = new SimulatedStream(app.deps, () => watched);
});

const account = async (sub: string, initialDeposit: number) => {
  const id = await openAccount(app.deps, sub, { initialDeposit });
  watched.push(id);
  return id;
};

/** The raw Ledger rows of an account, as [type, whether it holds a reference or its binding]. */
const referencesIn = async (accountId: string): Promise<[unknown, boolean][]> => {
  const { Items = [] } = await app.deps.client.send(
    new QueryCommand({
      TableName: app.deps.config.tables.Ledger,
      KeyConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
      ConsistentRead: true,
    }),
  );
  return Items.map((row) => [row['type'], 'reference' in row || 'referenceBinding' in row]);
};

/** Sends all of the sender's money with a reference, settles it; the sender may then be erased. */
const settled = async (sender: string, receiver: string) => {
  const from = await account(sender, 2_500);
  const to = await account(receiver, 0);
  const started = await startTransfer(app.deps, sender, {
    fromAccountId: from,
    toAccountId: to,
    amount: 2_500,
    reference: 'Rent December',
  });
  expect(started.status).toBe(202);
  await stream.drain(app.deps.consumers);
  return { from, to };
};

const erase = async (sub: string) => {
  const erased = await send(app.deps, { method: 'DELETE', path: '/me/personal-data', sub });
  expect(erased.status).toBe(202);
};

describe("an erased owner's Ledger rows", () => {
  it("lose the sender's reference once the erasure is projected; the receiver keeps theirs", async () => {
    const { from, to } = await settled('ledger-erase-a', 'ledger-erase-b');
    expect(await referencesIn(from)).toContainEqual(['TransferSent', true]);

    await erase('ledger-erase-a');
    await stream.drain(app.deps.consumers);

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
    expect(await referencesIn(to)).toEqual([['TransferReceived', true]]);
  });

  it('hold no reference when the whole history, erasure included, is delivered again', async () => {
    const { from } = await settled('ledger-erase-c', 'ledger-erase-d');
    await erase('ledger-erase-c');
    await stream.drain(app.deps.consumers);

    expect(await stream.deliver(await app.deps.store.load(from), app.deps.consumers)).toBe(true);

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
  });

  it('hold no reference after a rebuild of the Ledger from the events', async () => {
    const { from, to } = await settled('ledger-erase-e', 'ledger-erase-f');
    await erase('ledger-erase-e');
    await stream.drain(app.deps.consumers);

    await rebuildByName('Ledger', {
      client: app.deps.client,
      store: app.deps.store,
      config: app.deps.config,
    });

    expect(await referencesIn(from)).toEqual([
      ['AccountOpened', false],
      ['TransferSent', false],
    ]);
    expect(await referencesIn(to)).toEqual([['TransferReceived', true]]);
  });
});
