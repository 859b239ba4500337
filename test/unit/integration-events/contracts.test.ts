import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import {
  integrationEventTypes,
  type IntegrationEventType,
} from '../../../lambdas/integration/contracts.js';
import { eventSchemaPath } from '../../../lambdas/integration/json-schemas.js';
import { toIntegrationEvent } from '../../../lambdas/integration/to-integration-event.js';
import { eventSchemaFiles } from '../../../local/event-schema-files.js';
import { internalEvent, PERSONAL_MARK } from './internal-events.js';

const committed = async (type: IntegrationEventType): Promise<object> =>
  JSON.parse(await readFile(eventSchemaPath(type), 'utf8')) as object;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validators = new Map(
  await Promise.all(
    integrationEventTypes.map(async (type) => [type, ajv.compile(await committed(type))] as const),
  ),
);

const validate = (event: { type: IntegrationEventType }) => {
  const check = validators.get(event.type);
  expect(check, `no published schema for ${event.type}`).toBeDefined();
  const valid = check?.(event);
  return { valid, errors: check?.errors ?? null };
};

const sampleEvent = (): RecordedEvent => {
  const [sample] = fc.sample(internalEvent, { numRuns: 1, seed: 7 });
  if (!sample) {
    throw new Error('no sample');
  }
  return sample.recorded;
};

describe('integration event contracts', () => {
  it('publishes a JSON Schema per contract that `npm run openapi` generates now', async () => {
    for (const { path, text } of await eventSchemaFiles()) {
      expect(await readFile(path, 'utf8'), `${path} is stale: run npm run openapi`).toBe(text);
    }
    expect(integrationEventTypes).toHaveLength(8);
  });

  it('maps every stored event type to an event its published schema accepts', () => {
    fc.assert(
      fc.property(internalEvent, fc.boolean(), ({ recorded, currency }, replay) => {
        const mapped = toIntegrationEvent(recorded, currency, { replay });

        expect(validate(mapped)).toEqual({ valid: true, errors: null });
        expect(mapped.id).toBe(recorded.eventId);
        expect(mapped.accountId).toBe(recorded.streamId);
        expect(mapped.accountVersion).toBe(recorded.version);
        expect('replay' in mapped).toBe(replay);
      }),
      { numRuns: 300 },
    );
  });

  it('carries no personal data and no owner or actor id, whatever the stored event holds', () => {
    fc.assert(
      fc.property(internalEvent, ({ recorded, currency }) => {
        const text = JSON.stringify(toIntegrationEvent(recorded, currency));

        expect(text).not.toContain(PERSONAL_MARK);
        expect(text).not.toContain(recorded.metadata.actorId);
        expect(text).not.toContain(recorded.metadata.requestId);
        expect(text).not.toMatch(/holderName|reference|ownerId|actorId|traceparent/);
      }),
      { numRuns: 300 },
    );
  });

  it('maps a MoneyDeposited stored at schema 1 (decimal major units) to the same contract as schema 2', () => {
    const base = {
      streamId: '6f1c1d6e-7d0e-4a8e-9b0a-1c2d3e4f5a6b',
      version: 2,
      eventId: '0b9c2a3e-1f4d-4c5b-8a6e-7d8f9e0a1b2c',
      type: 'MoneyDeposited',
      occurredAt: '2026-12-01T10:00:00.000Z',
      metadata: {
        actorId: 'u',
        commandId: 'c',
        correlationId: 'r',
        causationId: 'c',
        requestId: 'r',
      },
    };
    const v1: RecordedEvent = {
      ...base,
      schema: 1,
      data: { amount: 12.34, currency: 'EUR', balance: 12.34 },
    };
    const v2: RecordedEvent = {
      ...base,
      schema: 2,
      data: { amount: 1234, currency: 'EUR', balanceAfter: 1234 },
    };

    expect(toIntegrationEvent(v1, 'EUR')).toEqual(toIntegrationEvent(v2, 'EUR'));
    expect(toIntegrationEvent(v1, 'EUR').data).toEqual({
      amount: 1234,
      currency: 'EUR',
      balanceAfter: 1234,
    });
  });

  it('refuses a published schema that allows a field the contract does not name', () => {
    const event = toIntegrationEvent(sampleEvent(), 'EUR');
    const check = (candidate: object) => validators.get(event.type)?.(candidate) ?? 'no schema';

    expect(check(event)).toBe(true);
    expect(check({ ...event, holderName: 'Ada' })).toBe(false);
    expect(check({ ...event, data: { ...event.data, reference: 'x' } })).toBe(false);
  });
});
