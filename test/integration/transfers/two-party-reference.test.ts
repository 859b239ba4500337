import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { erasePersonalData, send } from '../../support/app.js';
import { eventsOf, getTransfer, startTransfer } from './support.js';
import { type TransferWorld, transferWorld } from './transfer-world.js';

// A payee expects the payment reference on their statement. The receiver keeps their own copy,
// under their own key (ADR 0150), so each party's erasure shreds only their copy.
let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

const get = (sub: string, path: string) => send(world.app.deps, { method: 'GET', path, sub });

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

const erase = (sub: string) => erasePersonalData(world.app.deps, sub);

describe('the payment reference on the receiving side', () => {
  it("shows in the receiver's history and transactions, and is ciphertext at rest", async () => {
    const { to, transferId } = await world.settledTransfer(
      'ref-alice',
      'ref-bob',
      'Invoice 4711 Hopper',
    );

    const received = await receivedIn('ref-bob', to);
    const rows = await transactionsOf('ref-bob', to);
    const tables = Object.values(world.app.deps.config.tables);
    const scans = await Promise.all(
      tables.map((table) => world.app.deps.client.send(new ScanCommand({ TableName: table }))),
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
    const { from, to, transferId } = await world.settledTransfer(
      'ref-carol',
      'ref-dave',
      'Flat share',
    );

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
    const { to, transferId } = await world.settledTransfer(
      'ref-erin',
      'ref-frank',
      'Concert tickets',
    );
    const withdrawn = await send(world.app.deps, {
      method: 'POST',
      path: `/accounts/${to}/withdrawals`,
      sub: 'ref-frank',
      body: { amount: 2_500 },
    });
    expect(withdrawn.status).toBe(200);

    const erased = await erase('ref-frank');
    await world.stream.drain(world.app.deps.consumers);
    const received = await receivedIn('ref-frank', to);

    expect(erased.status).toBe(202);
    expect(received?.data['reference']).toBeNull();
    expect((await get('ref-erin', `/transfers/${transferId}`)).body).toMatchObject({
      reference: 'Concert tickets',
      personalDataErased: false,
    });
  });

  it('credits without a reference when the sender was erased before the credit', async () => {
    const from = await world.account('ref-gina', 2_500);
    const to = await world.account('ref-hank', 0);
    const started = await startTransfer(world.app.deps, 'ref-gina', {
      fromAccountId: from,
      toAccountId: to,
      amount: 2_500,
      reference: 'Gone before it arrived',
    });
    await world.app.deps.personalData.erase('ref-gina');

    await world.stream.drain(world.app.deps.consumers);
    const received = await receivedIn('ref-hank', to);

    expect(received?.data).toMatchObject({ transferId: started.body['transferId'], amount: 2_500 });
    expect(received?.data['reference']).toBeUndefined();
  });
});

describe('the reference, which is personal data', () => {
  it('is ciphertext in the event and the read row, plaintext only in the response', async () => {
    const from = await world.account('quinn');
    const to = await world.account('rosa');

    const { id } = await world.transfer('quinn', {
      fromAccountId: from,
      toAccountId: to,
      amount: 10,
      reference: 'Birthday gift for Rosa Parks',
    });
    const sent = (await eventsOf(world.app.deps, from)).find(
      (event) => event.type === 'TransferSent',
    );
    const row = await world.app.deps.transfers.queries.row(id);
    const view = await getTransfer(world.app.deps, 'quinn', id);

    expect(JSON.stringify(sent)).not.toContain('Rosa');
    expect(JSON.stringify(row)).not.toContain('Rosa');
    expect(row?.reference).toEqual(sent?.data['reference']);
    expect(row?.reference).toMatchObject({ v: 1 });
    expect(view.body['reference']).toBe('Birthday gift for Rosa Parks');
  });

  it("reads as null once the sender's key is shredded, while the transfer stays readable", async () => {
    const from = await world.account('sven');
    const to = await world.account('tina');
    const { id } = await world.transfer('sven', {
      fromAccountId: from,
      toAccountId: to,
      amount: 10,
      reference: 'Loan repayment',
    });

    await world.app.deps.personalData.erase('sven');
    const view = await getTransfer(world.app.deps, 'sven', id);

    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'completed',
      reference: null,
      personalDataErased: true,
      amount: 10,
    });
  });
});
