import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { openAccount, SimulatedStream, startTransfer } from './support.js';

// A payee expects the payment reference on their statement. The receiver keeps their own copy,
// under their own key (ADR 0150), so each party's erasure shreds only their copy.
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

const get = (sub: string, path: string) => send(app.deps, { method: 'GET', path, sub });

const receivedIn = async (sub: string, accountId: string) => {
  const response = await get(sub, `/accounts/${accountId}/events`);
  const events = response.body['events'] as { type: string; data: Record<string, unknown> }[];
  return events.find((event) => event.type === 'TransferReceived');
};

const transactionsOf = async (sub: string, accountId: string) =>
  (await get(sub, `/accounts/${accountId}/transactions`)).body['transactions'] as Record<
    string,
    unknown
  >[];

const erase = (sub: string) => send(app.deps, { method: 'DELETE', path: '/me/personal-data', sub });

/** Sends `amount` (all of the sender's money, so the sender may be erased afterwards) and settles it. */
const settledTransfer = async (sender: string, receiver: string, reference: string) => {
  const from = await account(sender, 2_500);
  const to = await account(receiver, 0);
  const started = await startTransfer(app.deps, sender, {
    fromAccountId: from,
    toAccountId: to,
    amount: 2_500,
    reference,
  });
  expect(started.status).toBe(202);
  await stream.drain(app.deps.consumers);
  return { from, to, transferId: String(started.body['transferId']) };
};

describe('the payment reference on the receiving side', () => {
  it("shows in the receiver's history and transactions, and is ciphertext at rest", async () => {
    const { to, transferId } = await settledTransfer('ref-alice', 'ref-bob', 'Invoice 4711 Hopper');

    const received = await receivedIn('ref-bob', to);
    const rows = await transactionsOf('ref-bob', to);
    const tables = Object.values(app.deps.config.tables);
    const scans = await Promise.all(
      tables.map((table) => app.deps.client.send(new ScanCommand({ TableName: table }))),
    );

    expect(received?.data).toMatchObject({ transferId, reference: 'Invoice 4711 Hopper' });
    expect(rows).toContainEqual(
      expect.objectContaining({
        type: 'TransferReceived',
        transferId,
        reference: 'Invoice 4711 Hopper',
      }),
    );
    expect(JSON.stringify(scans.map((scan) => scan.Items))).not.toContain('Hopper');
  });

  it("keeps the receiver's copy readable after the sender's erasure, and only theirs", async () => {
    const { from, to, transferId } = await settledTransfer('ref-carol', 'ref-dave', 'Flat share');

    const erased = await erase('ref-carol');
    const senderView = await get('ref-carol', `/transfers/${transferId}`);
    const senderRows = await transactionsOf('ref-carol', from);

    expect(erased.status).toBe(202);
    expect(senderView.body).toMatchObject({ reference: null, personalDataErased: true });
    expect(senderRows).toContainEqual(
      expect.objectContaining({ type: 'TransferSent', transferId, reference: null }),
    );
    expect((await receivedIn('ref-dave', to))?.data['reference']).toBe('Flat share');
    expect(await transactionsOf('ref-dave', to)).toContainEqual(
      expect.objectContaining({ type: 'TransferReceived', reference: 'Flat share' }),
    );
  });

  it("keeps the sender's copy readable after the receiver's erasure, and only theirs", async () => {
    const { to, transferId } = await settledTransfer('ref-erin', 'ref-frank', 'Concert tickets');
    const withdrawn = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${to}/withdrawals`,
      sub: 'ref-frank',
      body: { amount: 2_500 },
    });
    expect(withdrawn.status).toBe(200);

    const erased = await erase('ref-frank');
    await stream.drain(app.deps.consumers);
    const received = await receivedIn('ref-frank', to);

    expect(erased.status).toBe(202);
    expect(received?.data['reference']).toBeNull();
    expect((await get('ref-erin', `/transfers/${transferId}`)).body).toMatchObject({
      reference: 'Concert tickets',
      personalDataErased: false,
    });
  });

  it('credits without a reference when the sender was erased before the credit', async () => {
    const from = await account('ref-gina', 2_500);
    const to = await account('ref-hank', 0);
    const started = await startTransfer(app.deps, 'ref-gina', {
      fromAccountId: from,
      toAccountId: to,
      amount: 2_500,
      reference: 'Gone before it arrived',
    });
    await app.deps.personalData.erase('ref-gina');

    await stream.drain(app.deps.consumers);
    const received = await receivedIn('ref-hank', to);

    expect(received?.data).toMatchObject({ transferId: started.body['transferId'], amount: 2_500 });
    expect(received?.data['reference']).toBeUndefined();
  });
});
