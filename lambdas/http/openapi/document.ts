import * as z from 'zod/mini';
import { routes } from '../../../lib/function-specs.js';
import { operations, type HeaderName, type Operation } from './operations.js';
import { everyRouteProblems, problemResponse, problemSchema } from './problem-responses.js';

type Schema = Record<string, unknown>;

/** An OpenAPI 3.1 document (typed loosely: it is data for validators and generators). */
export interface OpenApiDocument {
  readonly openapi: '3.1.1';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Record<string, Record<string, Schema>>;
  readonly components: {
    readonly schemas: Record<string, Schema>;
    readonly [name: string]: unknown;
  };
  readonly [name: string]: unknown;
}

// Bodies are described as clients send them, queries as the handler reads them (integers, bounds).
const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): Schema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

const text = { type: 'string' };

const responseHeaders: Record<HeaderName, [string, Schema]> = {
  etag: [
    'ETag',
    { description: 'The account version as a strong ETag, e.g. "3"', required: true, schema: text },
  ],
  location: [
    'Location',
    { description: 'Where the new resource is read', required: true, schema: text },
  ],
  'idempotent-replayed': [
    'Idempotent-Replayed',
    { description: '"true" when this is the stored response of an earlier request', schema: text },
  ],
};

const queryParameters = (operation: Operation): Schema[] => {
  const query = jsonSchema(operation.query, 'output') as {
    properties?: Record<string, Schema>;
    required?: string[];
  };
  return Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query.required?.includes(name) ?? false,
    schema,
  }));
};

const commandHeaders: Schema[] = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    description: 'Replays the first response for the same key and request (24 h)',
    schema: { type: 'string', pattern: '^"?[\\x21-\\x7e]{1,255}"?$' },
  },
  {
    name: 'If-Match',
    in: 'header',
    description: 'Refuses with 412 unless the account is at this version',
    schema: { type: 'string' },
  },
];

const pathParameters = (path: string): Schema[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { $ref: '#/components/schemas/Id' },
  }));

const operationObject = (route: (typeof routes)[number], operation: Operation): Schema => {
  const { success } = operation;
  const statuses = [...new Set([...everyRouteProblems, ...operation.problems])].sort(
    (a, b) => a - b,
  );
  return {
    operationId: route.id.charAt(0).toLowerCase() + route.id.slice(1),
    summary: operation.summary,
    tags: [operation.tag],
    parameters: [
      ...pathParameters(route.path),
      ...queryParameters(operation),
      ...(operation.command ? commandHeaders : []),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: false,
            content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [success.status]: {
        description: success.name,
        headers: Object.fromEntries(success.headers.map((name) => responseHeaders[name])),
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${success.name}` } },
        },
      },
      ...Object.fromEntries(
        statuses.map((status) => [status, { $ref: `#/components/responses/Problem${status}` }]),
      ),
    },
  };
};

/**
 * The OpenAPI 3.1 document of the API, generated from the route table, the zod schemas that
 * validate requests and the response view schemas: nothing in it is kept by hand apart from prose.
 */
export const openApiDocument = (): OpenApiDocument => {
  const paths: Record<string, Record<string, Schema>> = {};
  const schemas: Record<string, Schema> = {
    Id: { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$' },
    Problem: problemSchema,
  };
  const problems: Record<string, Schema> = {};
  for (const route of routes) {
    const operation = operations[route.id];
    paths[route.path] ??= {};
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operationObject(route, operation),
    };
    schemas[operation.success.name] = jsonSchema(operation.success.schema, 'output');
    for (const status of [...everyRouteProblems, ...operation.problems]) {
      problems[`Problem${status}`] ??= problemResponse(status);
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Ledger',
      version: '1',
      description:
        'Event-sourced bank accounts. Amounts are integers in minor units. Errors are ' +
        'application/problem+json (RFC 9457) whose `code` repeats the slug of `type`.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      responses: problems,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
};
