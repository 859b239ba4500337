import { connect } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { RouteSpec } from '../../../lib/function-specs.js';
import type { HttpHandler, LocalServer } from '../../../local/server.js';
import { startSignedServer, type SignedServer } from './signed-server.js';

const routes: RouteSpec[] = [
  { id: 'Echo', method: 'POST', path: '/things/{id}/echo', handler: 'echo', tables: {} },
  { id: 'ListThings', method: 'GET', path: '/things', handler: 'list-things', tables: {} },
  { id: 'Crash', method: 'GET', path: '/crash', handler: 'crash', tables: {} },
  { id: 'Missing', method: 'GET', path: '/missing', handler: 'missing', tables: {} },
];

const seen: {
  event?: APIGatewayProxyEventV2WithJWTAuthorizer | undefined;
  context?: Context | undefined;
} = {};

const echo: HttpHandler = (event, context) => {
  seen.event = event;
  seen.context = context;
  return Promise.resolve({
    statusCode: 201,
    headers: { ETag: '"1"' },
    body: JSON.stringify({ sub: event.requestContext.authorizer.jwt.claims['sub'] }),
  });
};

const handlers: Record<string, HttpHandler> = {
  echo,
  'list-things': () => Promise.resolve({ body: '[]' }),
  crash: () => Promise.reject(new Error('Ada Lovelace broke it')),
};

describe('local server', () => {
  let server: LocalServer;
  let signed: SignedServer;
  let token: string;
  // The lines the process writes, in the local runtime's readable format.
  const logs: string[] = [];
  let stdout: MockInstance;

  beforeAll(async () => {
    vi.stubEnv('LOG_LEVEL', 'INFO');
    vi.stubEnv('LOG_FORMAT', 'text');
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    signed = await startSignedServer({
      routes,
      handlerFor: (route) => handlers[route.handler],
      maxBodyBytes: 1024,
    });
    ({ server, token } = signed);
  });

  afterAll(async () => {
    stdout.mockRestore();
    vi.unstubAllEnvs();
    await signed.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('hands the handler a payload-format 2.0 event with path parameters and claims', async () => {
    const response = await post('/things/a%20b/echo?x=1&x=2&y=3', '{"amount":1}', {
      'X-Custom': 'v',
      cookie: 'a=1; b=2',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ sub: 'user-1' });
    const event = seen.event!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /things/{id}/echo',
      rawPath: '/things/a%20b/echo',
      rawQueryString: 'x=1&x=2&y=3',
      queryStringParameters: { x: '1,2', y: '3' },
      pathParameters: { id: 'a b' },
      body: '{"amount":1}',
      isBase64Encoded: false,
      cookies: ['a=1', 'b=2'],
    });
    expect(event.headers['x-custom']).toBe('v');
    expect(event.headers['cookie']).toBeUndefined();
    expect(event.requestContext).toMatchObject({
      routeKey: 'POST /things/{id}/echo',
      stage: '$default',
      http: { method: 'POST', path: '/things/a%20b/echo', sourceIp: '127.0.0.1' },
      authorizer: { jwt: { scopes: null } },
    });
    expect(event.requestContext.time).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({ sub: 'user-1', iss: 'ledger-local', aud: 'ledger' });
    expect(typeof claims['exp']).toBe('string');
    expect(response.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
  });

  it('hands the handler a Lambda context named after the route', async () => {
    await post('/things/1/echo', '{}');

    const context = seen.context!;
    expect(context.functionName).toBe('Echo');
    expect(context.awsRequestId).toBe(seen.event!.requestContext.requestId);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(29_000);
  });

  it('rejects a request without a token with 401 problem+json before the handler runs', async () => {
    seen.event = undefined;

    const response = await fetch(`${server.url}/things/1/echo`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(seen.event).toBeUndefined();
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const response = await fetch(`${server.url}/nothing/here`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404 });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/things`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('rejects a body above the cap with 413 without calling the handler', async () => {
    seen.event = undefined;

    const response = await post('/things/1/echo', 'x'.repeat(4096));

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(seen.event).toBeUndefined();
  });

  it('rejects a streamed body above the cap with 413', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i += 1) {
          controller.enqueue(new TextEncoder().encode('y'.repeat(1024)));
        }
        controller.close();
      },
    });

    const response = await fetch(`${server.url}/things/1/echo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: chunks,
      duplex: 'half',
    });

    expect(response.status).toBe(413);
  });

  it('gives up on a client that hangs up halfway through its body', async () => {
    logs.length = 0;
    const { port } = new URL(server.url);

    await new Promise<void>((done) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /things/1/echo HTTP/1.1\r\nHost: x\r\n' +
            `Authorization: Bearer ${token}\r\nContent-Length: 100\r\n\r\n0123456789`,
        );
        setTimeout(() => {
          socket.destroy();
          done();
        }, 50);
      });
    });
    const failure = await vi.waitFor(
      () => {
        const line = logs.find((entry) => entry.includes(' request failed '));
        expect(line).toBeDefined();
        return line;
      },
      { timeout: 10_000 },
    );

    expect(failure).toMatch(/ ERROR request failed errorName=Error requestId=[\w-]+$/);
  });

  it('answers a crashing handler with a generic 500 problem that hides the error message', async () => {
    const response = await fetch(`${server.url}/crash`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('Ada');
    expect(logs.join('\n')).not.toContain('Ada');
  });

  it('answers a route whose handler module is missing with 501', async () => {
    const response = await fetch(`${server.url}/missing`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(501);
  });

  it('logs one line for a request it answers itself: route key, status, request id, no token', async () => {
    logs.length = 0;

    const response = await fetch(`${server.url}/things`, {
      headers: { authorization: `Bearer ${token}x` },
    });

    const requestId = response.headers.get('apigw-requestid')!;
    expect(response.status).toBe(401);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      new RegExp(`^[\\d:.]{12} GET /things 401 \\d+ms ${requestId} trace=[\\da-f]{32}$`),
    );
    expect(logs.join('\n')).not.toContain(token);
  });

  it('leaves the line of a request a handler answered to the handler (its middleware logs it)', async () => {
    logs.length = 0;

    const response = await fetch(`${server.url}/things`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    expect(logs).toEqual([]);
  });
});
