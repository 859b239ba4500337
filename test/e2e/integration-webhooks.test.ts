import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationEventTypes } from '../../lambdas/integration/contracts.js';
import { eventSchemaPath } from '../../lambdas/integration/json-schemas.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

// The seed's walk (open 100.00, deposit 50.00, withdraw 20.00, a transfer) against `npm start`'s
// runtime with a webhook configured: the subscriber must receive exactly the public events of it.
const ADA = 'e2e-webhook-ada';
const BOB = 'e2e-webhook-bob';
const personal = ['Ada Lovelace', 'Bob Example', 'Rent for Bob', ADA, BOB];

let api: LocalApi;
let receiver: WebhookReceiver;
let ada: string;
let bob: string;

const post = async (sub: string, path: string, body: unknown) => {
  const response = await api.call('POST', path, { sub, body });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  api = await startLocalApi({ webhookUrls: [receiver.url] });
  ada = String(
    (
      await post(ADA, '/accounts', {
        holderName: 'Ada Lovelace',
        currency: 'EUR',
        initialDeposit: 10_000,
      })
    )['accountId'],
  );
  bob = String(
    (await post(BOB, '/accounts', { holderName: 'Bob Example', currency: 'EUR' }))['accountId'],
  );
  await post(ADA, `/accounts/${ada}/deposits`, { amount: 5_000 });
  await post(ADA, `/accounts/${ada}/withdrawals`, { amount: 2_000 });
  await post(ADA, '/transfers', {
    fromAccountId: ada,
    toAccountId: bob,
    amount: 1_000,
    reference: 'Rent for Bob',
  });
  // The transfer's credit is appended by the consumer itself, so its record needs a second pass.
  for (let pass = 0; pass < 3; pass += 1) {
    await api.runtime.whenIdle();
  }
}, 180_000);

afterAll(async () => {
  await api.stop();
  await receiver.close();
});

const anyId: unknown = expect.stringMatching(/^[0-9a-f-]{36}$/);

const received = (accountId: string) =>
  receiver.deliveries
    .map(({ body }) => body)
    .filter((body) => body['accountId'] === accountId)
    .map((body) => [body['accountVersion'], body['type'], body['data']]);

describe('integration events on a local webhook', () => {
  it("delivers each account's events in version order, exactly the expected ones", () => {
    expect(received(ada)).toEqual([
      [
        1,
        'ledger.account.opened.v1',
        { currency: 'EUR', initialDeposit: 10_000, balanceAfter: 10_000 },
      ],
      [2, 'ledger.money.deposited.v1', { amount: 5_000, currency: 'EUR', balanceAfter: 15_000 }],
      [3, 'ledger.money.withdrawn.v1', { amount: 2_000, currency: 'EUR', balanceAfter: 13_000 }],
      [
        4,
        'ledger.transfer.sent.v1',
        {
          transferId: anyId,
          toAccountId: bob,
          amount: 1_000,
          currency: 'EUR',
          balanceAfter: 12_000,
        },
      ],
    ]);
    expect(received(bob)).toEqual([
      [1, 'ledger.account.opened.v1', { currency: 'EUR', initialDeposit: 0, balanceAfter: 0 }],
      [
        2,
        'ledger.transfer.completed.v1',
        {
          transferId: anyId,
          fromAccountId: ada,
          amount: 1_000,
          currency: 'EUR',
          balanceAfter: 1_000,
        },
      ],
    ]);
    expect(receiver.deliveries).toHaveLength(6);
  });

  it('delivers every event once, under its stored id, with the id and type in headers', () => {
    const ids = receiver.deliveries.map(({ body }) => body['id']);

    expect(new Set(ids).size).toBe(ids.length);
    for (const { headers, body } of receiver.deliveries) {
      expect(headers['content-type']).toBe('application/json');
      expect(headers['ledger-event-id']).toBe(body['id']);
      expect(headers['ledger-event-type']).toBe(body['type']);
    }
  });

  it('sends no personal data: no name, no reference, no owner, in any payload', () => {
    for (const { text } of receiver.deliveries) {
      for (const value of personal) {
        expect(text).not.toContain(value);
      }
      expect(text).not.toMatch(/holderName|reference|ownerId|actorId/);
    }
  });

  it('sends only payloads their published JSON Schema accepts', async () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    for (const type of integrationEventTypes) {
      ajv.addSchema(JSON.parse(await readFile(eventSchemaPath(type), 'utf8')) as object, type);
    }
    for (const { body } of receiver.deliveries) {
      expect(ajv.validate(String(body['type']), body), ajv.errorsText()).toBe(true);
    }
  });
});
