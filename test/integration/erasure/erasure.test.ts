import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, erasePersonalData, send, type TestApp } from '../../support/app.js';
import { canaryForms, dumpAllTables } from '../../support/scan.js';
import { projectAll } from '../../support/stream.js';

const CANARY = 'Zebulon Quixotic-Canary';
const OTHER = 'Ottoline Untouched-Canary';
let app: TestApp;
let erasedAccounts: string[];
let otherAccount: string;

const open = async (sub: string, holderName: string, initialDeposit = 0) => {
  const response = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName, currency: 'EUR', initialDeposit },
  });
  expect(response.status).toBe(201);
  return String(response.body['accountId']);
};

const expectNoCanary = async (canary: string) => {
  const dump = await dumpAllTables(app.tables);
  for (const form of canaryForms(canary)) {
    expect(dump).not.toContain(form);
  }
};

beforeAll(async () => {
  app = await createTestApp({ SNAPSHOT_EVERY: '2' });
  erasedAccounts = [await open('subject-a', CANARY, 500), await open('subject-a', CANARY)];
  otherAccount = await open('subject-b', OTHER, 100);
  // Enough commands for a snapshot of the first account.
  await send(app.deps, {
    method: 'POST',
    path: `/accounts/${erasedAccounts[0]!}/deposits`,
    sub: 'subject-a',
    body: { amount: 1 },
  });
  // Erasure waits for empty accounts (ADR 0097; erasure-money.test.ts): the subject withdraws first.
  await send(app.deps, {
    method: 'POST',
    path: `/accounts/${erasedAccounts[0]!}/withdrawals`,
    sub: 'subject-a',
    body: { amount: 501 },
  });
  await projectAll(app.deps);
});

describe('erasure by crypto-shredding', () => {
  it('keeps no plaintext personal data in any table before erasure', async () => {
    await expectNoCanary(CANARY);
    await expectNoCanary(OTHER);
  });

  it('answers 202 with the erasure id and every account of the caller', async () => {
    const response = await erasePersonalData(app.deps, 'subject-a');

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      status: 'completed',
      accounts: [...erasedAccounts].sort(),
    });
    expect(String(response.body['erasureId'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a second call with the same result', async () => {
    const first = await erasePersonalData(app.deps, 'subject-a');
    const second = await erasePersonalData(app.deps, 'subject-a');

    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
  });

  it('records PersonalDataErased, closes the accounts and deletes their snapshots', async () => {
    const events = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${erasedAccounts[0]!}/events`,
      sub: 'subject-a',
    });

    const list = events.body['events'] as {
      type: string;
      data: Record<string, unknown>;
      personalDataErased: boolean;
    }[];
    expect(list.map((event) => event.type)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyWithdrawn',
      'PersonalDataErased',
    ]);
    expect(list[0]).toMatchObject({ data: { holderName: null }, personalDataErased: true });
    expect(await app.deps.snapshots.get(erasedAccounts[0]!)).toBeUndefined();
  });

  it('serves the personal fields as null with personalDataErased after projection', async () => {
    await projectAll(app.deps);

    const account = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${erasedAccounts[0]!}`,
      sub: 'subject-a',
    });
    const state = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${erasedAccounts[0]!}/state`,
      sub: 'subject-a',
    });

    expect(account.body).toMatchObject({
      holderName: null,
      personalDataErased: true,
      status: 'closed',
      balance: 0,
    });
    expect(state.body).toMatchObject({
      state: { holderName: null, personalDataErased: true, status: 'closed' },
    });
  });

  it('refuses commands on erased accounts and new accounts for the erased subject with 410', async () => {
    const deposit = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${erasedAccounts[0]!}/deposits`,
      sub: 'subject-a',
      body: { amount: 1 },
    });
    const reopen = await send(app.deps, {
      method: 'POST',
      path: '/accounts',
      sub: 'subject-a',
      body: { holderName: CANARY, currency: 'EUR' },
    });

    expect([deposit.status, reopen.status]).toEqual([410, 410]);
    expect(deposit.headers['content-type']).toBe('application/problem+json');
  });

  it('leaves another subject untouched', async () => {
    const account = await send(app.deps, {
      method: 'GET',
      path: `/accounts/${otherAccount}`,
      sub: 'subject-b',
    });
    const deposit = await send(app.deps, {
      method: 'POST',
      path: `/accounts/${otherAccount}/deposits`,
      sub: 'subject-b',
      body: { amount: 1 },
    });

    expect(account.body).toMatchObject({ holderName: OTHER, personalDataErased: false });
    expect(deposit.status).toBe(200);
  });

  it('keeps no plaintext after erasure either, and the ciphertexts no longer decrypt', async () => {
    await projectAll(app.deps);
    const [opening] = await app.deps.store.load(erasedAccounts[0]!, { toVersion: 1 });
    const envelope = opening!.data['holderName'];

    await expectNoCanary(CANARY);
    await expectNoCanary(OTHER);
    expect(envelope).toMatchObject({ v: 1 });
    await expect(
      app.deps.personalData.decrypt('subject-a', envelope as never, {
        streamId: erasedAccounts[0]!,
        eventId: opening!.eventId,
        type: 'AccountOpened',
        schema: 1,
        field: 'holderName',
      }),
    ).resolves.toBeNull();
  });
});
