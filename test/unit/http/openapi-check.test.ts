import { describe, expect, it } from 'vitest';
import { openApiMismatches, type ReceivedResponse } from '../../support/openapi-check.js';

const accountId = '0b6f9a52-8f8e-4a57-9a0e-5f5b3f2f1a11';
const summary = {
  accountId,
  holderName: 'Ada',
  personalDataErased: false,
  currency: 'EUR',
  balance: 100,
  status: 'open',
  version: 1,
  openedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const received = (overrides: Partial<ReceivedResponse> & { json?: unknown }): ReceivedResponse => ({
  method: 'GET',
  path: `/accounts/${accountId}`,
  status: 200,
  headers: new Headers({ 'content-type': 'application/json', etag: '"1"' }),
  body: JSON.stringify(overrides.json ?? summary),
  ...overrides,
});

const problem = (code: string, status: number) => ({
  type: `urn:problem:ledger:${code}`,
  code,
  title: 't',
  status,
  detail: 'd',
});

const problemJson = new Headers({ 'content-type': 'application/problem+json' });

describe('checking a response against the OpenAPI document', () => {
  it('accepts a documented response', () => {
    expect(openApiMismatches(received({}))).toEqual([]);
  });

  it('finds a field the document does not have', () => {
    expect(openApiMismatches(received({ json: { ...summary, ownerId: 'u' } }))).toEqual([
      'body must NOT have additional properties',
    ]);
  });

  it('finds a wrong type and a missing field', () => {
    const { holderName: _, ...rest } = summary;
    expect(openApiMismatches(received({ json: { ...rest, balance: 1.5 } }))).toEqual([
      "body must have required property 'holderName'",
      'body/balance must be integer',
    ]);
  });

  it('finds a missing required header', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    expect(openApiMismatches(received({ headers }))).toEqual(['header ETag is missing']);
  });

  it('finds an undocumented status', () => {
    expect(openApiMismatches(received({ status: 418 }))).toEqual([
      `418 is not documented for GET /accounts/${accountId}`,
    ]);
  });

  it('finds a problem code answered with a status the problem table does not give it', () => {
    const body = JSON.stringify(problem('insufficient-funds', 404));
    const mismatches = openApiMismatches(received({ status: 404, headers: problemJson, body }));
    expect(mismatches).toEqual([
      'body/code must be equal to one of the allowed values',
      'body/type must be equal to one of the allowed values',
    ]);
  });

  it('finds a problem whose status member differs from the HTTP status', () => {
    const body = JSON.stringify(problem('account-not-found', 409));
    expect(openApiMismatches(received({ status: 404, headers: problemJson, body }))).toEqual([
      'body/status must be equal to constant',
    ]);
  });

  it('accepts the problem a refused withdrawal answers', () => {
    const body = JSON.stringify({
      ...problem('insufficient-funds', 409),
      balance: 1,
      requested: 2,
    });
    const path = `/accounts/${accountId}/withdrawals`;
    expect(
      openApiMismatches({ method: 'POST', path, status: 409, headers: problemJson, body }),
    ).toEqual([]);
  });

  it('finds a body sent as another media type', () => {
    const headers = new Headers({ 'content-type': 'text/plain', etag: '"1"' });
    expect(openApiMismatches(received({ headers }))).toEqual([
      'content-type text/plain is not documented',
    ]);
  });
});
