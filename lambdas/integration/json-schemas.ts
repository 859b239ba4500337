import * as z from 'zod/mini';
import {
  integrationContracts,
  integrationEventTypes,
  type IntegrationEventType,
} from './contracts.js';

/** Where each contract's JSON Schema is published, beside docs/openapi.json. */
export const eventSchemaPath = (type: IntegrationEventType): string =>
  `docs/events/${type}.schema.json`;

/**
 * The JSON Schema (draft 2020-12) of one public contract, generated from the zod schema the
 * mapping is typed by, so consumers can generate their types from it.
 */
export const eventJsonSchema = (type: IntegrationEventType): Record<string, unknown> => {
  const { $schema, ...schema } = z.toJSONSchema(integrationContracts[type], { io: 'output' });
  return {
    $schema,
    $id: `https://ledger.invalid/events/${type}.schema.json`,
    title: type,
    description:
      `The detail of a Ledger integration event of type ${type} (EventBridge source "ledger", ` +
      'detail-type the same as type). Delivered at least once: deduplicate by id.',
    ...schema,
  };
};

/** Every contract's JSON Schema by type. */
export const eventJsonSchemas = (): Record<IntegrationEventType, Record<string, unknown>> =>
  Object.fromEntries(integrationEventTypes.map((type) => [type, eventJsonSchema(type)])) as Record<
    IntegrationEventType,
    Record<string, unknown>
  >;
