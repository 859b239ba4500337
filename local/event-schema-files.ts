import { format, resolveConfig } from 'prettier';
import { integrationEventTypes } from '../lambdas/integration/contracts.js';
import { eventJsonSchema, eventSchemaPath } from '../lambdas/integration/json-schemas.js';

/** Each integration event contract's JSON Schema file as committed (Prettier's JSON layout). */
export const eventSchemaFiles = async (): Promise<{ path: string; text: string }[]> =>
  Promise.all(
    integrationEventTypes.map(async (type) => {
      const path = eventSchemaPath(type);
      const text = await format(JSON.stringify(eventJsonSchema(type)), {
        ...(await resolveConfig(path)),
        filepath: path,
      });
      return { path, text };
    }),
  );
