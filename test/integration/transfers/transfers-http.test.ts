import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../support/app.js';
import { balanceOf, eventsOf, getTransfer, startTransfer, unknownAccountId } from './support.js';
import { type TransferWorld, transferWorld } from './transfer-world.js';

let world: TransferWorld;
beforeAll(async () => {
  world = await transferWorld();
});

describe('a transfer between two accounts', () => {
  it('debits at once, answers 202 pending, then completes and shows on both ledgers', async () => {
    const from = await world.account('alice');
    const to = await world.account('bob', 500);

    const started = await startTransfer(world.app.deps, 'alice', {
      fromAccountId: from,
      toAccountId: to,
      amount: 2_500,
      reference: 'Rent for March',
    });
    const id = String(started.body['transferId']);
    const debited = await balanceOf(world.app.deps, from);
    await world.deliverAll();
    const view = await getTransfer(world.app.deps, 'alice', id);
    const fromLedger = await send(world.app.deps, {
      method: 'GET',
      path: `/accounts/${from}/transactions`,
      sub: 'alice',
    });
    const toLedger = await send(world.app.deps, {
      method: 'GET',
      path: `/accounts/${to}/transactions`,
      sub: 'bob',
    });

    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'pending', currency: 'EUR', amount: 2_500 });
    expect(started.headers['location']).toBe(`/transfers/${id}`);
    expect(debited).toBe(7_500);
    expect(await balanceOf(world.app.deps, to)).toBe(3_000);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      transferId: id,
      status: 'completed',
      fromAccountId: from,
      toAccountId: to,
      amount: 2_500,
      currency: 'EUR',
      reference: 'Rent for March',
      personalDataErased: false,
    });
    expect(fromLedger.body['transactions']).toContainEqual(
      expect.objectContaining({ type: 'TransferSent', direction: 'debit', transferId: id }),
    );
    expect(fromLedger.body['transactions']).toContainEqual(
      expect.objectContaining({ counterpartyAccountId: to, amount: 2_500 }),
    );
    expect(toLedger.body['transactions']).toContainEqual(
      expect.objectContaining({
        type: 'TransferReceived',
        direction: 'credit',
        transferId: id,
        counterpartyAccountId: from,
        balanceAfter: 3_000,
      }),
    );
  });

  it('answers 404 to anyone but the sender, and to an unknown transfer', async () => {
    const from = await world.account('carol');
    const to = await world.account('dave');
    const { id } = await world.transfer('carol', {
      fromAccountId: from,
      toAccountId: to,
      amount: 1,
    });

    const receiver = await getTransfer(world.app.deps, 'dave', id);
    const unknown = await getTransfer(world.app.deps, 'carol', unknownAccountId());
    const malformed = await getTransfer(world.app.deps, 'carol', 'not-an-id');

    expect([receiver.status, unknown.status, malformed.status]).toEqual([404, 404, 400]);
    expect(receiver.body['code']).toBe('transfer-not-found');
  });

  it('replays the first response for a repeated Idempotency-Key and debits once', async () => {
    const from = await world.account('erin');
    const to = await world.account('frank');
    const body = { fromAccountId: from, toAccountId: to, amount: 700 };

    const first = await startTransfer(world.app.deps, 'erin', body, { 'idempotency-key': 'tx-1' });
    const again = await startTransfer(world.app.deps, 'erin', body, { 'idempotency-key': 'tx-1' });
    const changed = await startTransfer(
      world.app.deps,
      'erin',
      { ...body, amount: 701 },
      { 'idempotency-key': 'tx-1' },
    );

    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body['transferId']).toBe(first.body['transferId']);
    expect(changed.status).toBe(422);
    expect(await balanceOf(world.app.deps, from)).toBe(9_300);
  });
});

describe('refusals when a transfer is requested', () => {
  it.each([
    ['insufficient funds', { amount: 10_001 }, 409, 'insufficient-funds'],
    ['a zero amount', { amount: 0 }, 400, 'invalid-request'],
    ['a fractional amount', { amount: 1.5 }, 400, 'invalid-request'],
    ['a huge amount', { amount: 1e13 }, 400, 'invalid-request'],
    ['an empty reference', { reference: '   ' }, 400, 'invalid-request'],
    ['a reference of 141 characters', { reference: 'x'.repeat(141) }, 400, 'invalid-request'],
    ['a control character in the reference', { reference: 'a\u0000b' }, 400, 'invalid-request'],
    ['an unknown field', { note: 'x' }, 400, 'invalid-request'],
  ])('refuses %s and writes nothing', async (_case, change, status, code) => {
    const from = await world.account('gina');
    const to = await world.account('hank');
    const before = await eventsOf(world.app.deps, from);

    const response = await startTransfer(world.app.deps, 'gina', {
      fromAccountId: from,
      toAccountId: to,
      amount: 100,
      ...change,
    });

    expect(response.status).toBe(status);
    expect(response.body['code']).toBe(code);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(response.body)).not.toContain('xxxx');
    expect(await eventsOf(world.app.deps, from)).toEqual(before);
  });

  it('refuses the same account on both sides with 400 same-account', async () => {
    const from = await world.account('ivan');

    const response = await startTransfer(world.app.deps, 'ivan', {
      fromAccountId: from,
      toAccountId: from,
      amount: 100,
    });

    expect(response.status).toBe(400);
    expect(response.body['code']).toBe('same-account');
    expect(await balanceOf(world.app.deps, from)).toBe(10_000);
  });

  it('refuses a source the caller does not own with 404, and bad ids with 400', async () => {
    const from = await world.account('judy');
    const to = await world.account('karl');

    const foreign = await startTransfer(world.app.deps, 'karl', {
      fromAccountId: from,
      toAccountId: to,
      amount: 100,
    });
    const badId = await startTransfer(world.app.deps, 'judy', {
      fromAccountId: from,
      toAccountId: 'nope',
      amount: 100,
    });

    expect([foreign.status, badId.status]).toEqual([404, 400]);
    expect(foreign.body['code']).toBe('account-not-found');
    expect(await balanceOf(world.app.deps, from)).toBe(10_000);
  });

  it('refuses a closed source with 409 account-closed', async () => {
    const from = await world.account('lena', 0);
    const to = await world.account('mike');
    await send(world.app.deps, { method: 'POST', path: `/accounts/${from}/close`, sub: 'lena' });

    const response = await startTransfer(world.app.deps, 'lena', {
      fromAccountId: from,
      toAccountId: to,
      amount: 1,
    });

    expect(response.status).toBe(409);
    expect(response.body['code']).toBe('account-closed');
  });
});
