import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../lambdas/http/openapi/document.js';

/** A response as received: what the document must describe. */
export interface ReceivedResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

type Schema = Record<string, unknown>;
interface MediaType {
  readonly schema: Schema;
}
interface ResponseObject {
  readonly $ref?: string;
  readonly headers?: Record<string, { readonly required?: boolean }>;
  readonly content?: Record<string, MediaType>;
}

const document = openApiDocument();
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema({ $id: 'openapi', components: document.components });

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

const operationFor = (method: string, path: string) => {
  const found = templates.find(({ pattern }) => pattern.test(path));
  const operation = found ? document.paths[found.template]?.[method.toLowerCase()] : undefined;
  return {
    found,
    operation: operation as { responses: Record<string, ResponseObject> } | undefined,
  };
};

const resolve = (response: ResponseObject): ResponseObject => {
  const name = response.$ref?.replace('#/components/responses/', '');
  const responses = document.components['responses'] as Record<string, ResponseObject>;
  return name === undefined ? response : (responses[name] ?? {});
};

// Responses no operation documents: the gateway's own answers for unknown paths and methods.
const gatewayResponse = (status: number): ResponseObject | undefined =>
  status === 404 || status === 405
    ? {
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/Problem' },
          },
        },
      }
    : undefined;

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

const validatorOf = (schema: Schema) => {
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/');
  const known = validators.get(text);
  if (known) {
    return known;
  }
  const compiled = ajv.compile(JSON.parse(text) as Schema);
  validators.set(text, compiled);
  return compiled;
};

const bodyErrors = (media: MediaType, body: string): string[] => {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return ['body is not JSON'];
  }
  const validate = validatorOf(media.schema);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message ?? ''}`);
};

/**
 * What in a received response the OpenAPI document does not describe: an undocumented status, a
 * missing required header, another media type, or a body its schema refuses. Empty when it fits.
 */
export const openApiMismatches = (received: ReceivedResponse): string[] => {
  const { found, operation } = operationFor(received.method, received.path);
  const documented = operation?.responses[String(received.status)];
  const response = documented ? resolve(documented) : gatewayResponse(received.status);
  if (!response || (found && !operation && received.status !== 405)) {
    return [`${received.status} is not documented for ${received.method} ${received.path}`];
  }
  const missing = Object.entries(response.headers ?? {})
    .filter(([name, header]) => header.required === true && !received.headers.has(name))
    .map(([name]) => `header ${name} is missing`);
  const contentType = received.headers.get('content-type') ?? '';
  const media = response.content?.[contentType];
  if (!media) {
    return [...missing, `content-type ${contentType} is not documented`];
  }
  return [...missing, ...bodyErrors(media, received.body)];
};
