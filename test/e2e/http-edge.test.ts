import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../local/token.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';

const expectProblem = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ type: `urn:problem:ledger:${code}`, status });
};

describe('the local HTTP edge', () => {
  let api: LocalApi;
  let accountId: string;

  beforeAll(async () => {
    api = await startLocalApi();
    const opened = await api.call('POST', '/accounts', {
      sub: 'owner-1',
      body: { holderName: 'Grace Hopper', currency: 'EUR', initialDeposit: 1000 },
    });
    accountId = ((await opened.json()) as { accountId: string }).accountId;
  });

  afterAll(async () => {
    await api.stop();
  });

  const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('rejects a request without a token with 401', async () => {
    await expectProblem(await api.call('GET', '/accounts'), 401, 'unauthorized');
  });

  it('rejects an expired token with 401', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 7200;
    const token = await api.token('owner-1', { issuedAt, ttlSeconds: 3600 });

    await expectProblem(await api.call('GET', '/accounts', withToken(token)), 401, 'unauthorized');
  });

  it('rejects a token signed with another secret with 401', async () => {
    const forged = await mintToken(new Uint8Array(32).fill(1), { sub: 'owner-1' });

    await expectProblem(await api.call('GET', '/accounts', withToken(forged)), 401, 'unauthorized');
  });

  it('rejects a tampered token with 401', async () => {
    const [header, , signature] = (await api.token('owner-1')).split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'owner-2', iss: 'ledger-local', aud: 'ledger', exp: 9_999_999_999 }),
    ).toString('base64url');

    const response = await api.call(
      'GET',
      '/accounts',
      withToken(`${header}.${payload}.${signature}`),
    );

    await expectProblem(response, 401, 'unauthorized');
  });

  it('writes nothing for an unauthenticated command', async () => {
    await api.call('POST', `/accounts/${accountId}/deposits`, { body: { amount: 100 } });

    const events = await api.call('GET', `/accounts/${accountId}/events`, { sub: 'owner-1' });
    expect(((await events.json()) as { events: unknown[] }).events).toHaveLength(1);
  });

  it("answers another user's account with 404, as if it did not exist", async () => {
    await api.runtime.whenIdle();

    const summary = await api.call('GET', `/accounts/${accountId}`, { sub: 'intruder' });
    const deposit = await api.call('POST', `/accounts/${accountId}/deposits`, {
      sub: 'intruder',
      body: { amount: 100 },
    });
    const history = await api.call('GET', `/accounts/${accountId}/events`, { sub: 'intruder' });

    await expectProblem(summary, 404, 'account-not-found');
    await expectProblem(deposit, 404, 'account-not-found');
    await expectProblem(history, 404, 'account-not-found');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    await expectProblem(await api.call('GET', '/nowhere', { sub: 'owner-1' }), 404, 'not-found');
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const response = await api.call('DELETE', `/accounts/${accountId}`, { sub: 'owner-1' });

    expect(response.headers.get('allow')).toBe('GET');
    await expectProblem(response, 405, 'method-not-allowed');
  });

  it('rejects a body over 1 MiB with 413 and writes nothing', async () => {
    const response = await api.call('POST', `/accounts/${accountId}/deposits`, {
      sub: 'owner-1',
      body: { amount: 100, padding: 'x'.repeat(2 * 1024 * 1024) },
    });

    await expectProblem(response, 413, 'payload-too-large');
    const events = await api.call('GET', `/accounts/${accountId}/events`, { sub: 'owner-1' });
    expect(((await events.json()) as { events: unknown[] }).events).toHaveLength(1);
  });
});
