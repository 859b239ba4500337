import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../lambdas/http/openapi/document.js';
import { problemCatalogue } from '../../../lambdas/http/problem.js';
import { routes } from '../../../lib/function-specs.js';
import {
  clientTypesPath,
  clientTypesText,
  openApiPath,
  openApiText,
} from '../../../local/openapi-files.js';

type Spec = Parameters<Validator['validate']>[0];

describe('the OpenAPI document', () => {
  const document = openApiDocument();

  it('is a valid OpenAPI 3.1 document for a real validator', async () => {
    const validator = new Validator();

    const result = await validator.validate(JSON.parse(JSON.stringify(document)) as Spec);

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('lists each problem code only under the status the problem table gives it', () => {
    const responses = document.components['responses'] as Record<string, unknown>;
    for (const [name, response] of Object.entries(responses)) {
      const status = Number(name.replace('Problem', ''));
      const text = JSON.stringify(response);
      for (const [code, entry] of Object.entries(problemCatalogue)) {
        expect(text.includes(`"${code}"`), `${code} under ${status}`).toBe(entry.status === status);
      }
    }
  });

  it('describes request bodies with the bounds of the zod schemas that validate them', () => {
    const body = document.paths['/accounts']?.['post'] as {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
    };

    expect(body.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['holderName', 'currency'],
      properties: { holderName: { maxLength: 200 }, initialDeposit: { maximum: 10 ** 12 } },
    });
  });

  it(`is committed as ${openApiPath}, as generated`, async () => {
    expect(await readFile(openApiPath, 'utf8')).toBe(await openApiText());
  });

  it(`has its client types committed as ${clientTypesPath}, as generated`, async () => {
    expect(await readFile(clientTypesPath, 'utf8')).toBe(await clientTypesText());
  });
});
