import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../lambdas/http/security-headers.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends raw bytes and reads the whole answer until the server closes, as a hostile client would. */
const rawExchange = (url: string, request: string): Promise<RawResponse> =>
  new Promise((done, fail) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', fail);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      done({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(request);
  });

const expectSecurityHeaders = (headers: Headers | Readonly<Record<string, string>>) => {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name] ?? null);
  for (const [name, value] of Object.entries(securityHeaders)) {
    expect({ name, value: get(name) }).toEqual({ name, value });
  }
};

// The edge's own answers (before or instead of a handler) look like the handlers' own: one
// problem shape, one set of security headers.
describe('the local edge answering by itself', () => {
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('answers headers over 16 KB with a 431 problem+json carrying the security headers', async () => {
    const { port } = new URL(api.runtime.url);
    const request =
      `GET /accounts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      `X-Padding: ${'a'.repeat(17 * 1024)}\r\nConnection: close\r\n\r\n`;

    const response = await rawExchange(api.runtime.url, request);

    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      type: 'urn:problem:ledger:request-header-fields-too-large',
      status: 431,
    });
    expectSecurityHeaders(response.headers);
  });

  it('answers a request Node cannot parse with a 400 problem+json', async () => {
    const response = await rawExchange(api.runtime.url, 'NOT HTTP AT ALL\r\n\r\n');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, code: 'invalid-request' });
    expectSecurityHeaders(response.headers);
  });

  it.each([
    ['401, no token', 'GET', '/accounts', undefined],
    ['404, no route', 'GET', '/nowhere', 'edge-user'],
    ['405, wrong method', 'DELETE', '/accounts/acc-1', 'edge-user'],
  ])('carries the security headers of handler responses on a %s', async (_, method, path, sub) => {
    const handled = await api.call('GET', '/accounts', { sub: 'edge-user' });
    expect(handled.status).toBe(200);
    expectSecurityHeaders(handled.headers);

    const response = await api.call(method, path, sub === undefined ? {} : { sub });

    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expectSecurityHeaders(response.headers);
  });

  it('carries the security headers on a 413', async () => {
    const response = await api.call('POST', '/accounts', {
      sub: 'edge-user',
      body: { padding: 'x'.repeat(2 * 1024 * 1024) },
    });

    expect(response.status).toBe(413);
    expectSecurityHeaders(response.headers);
  });
});
