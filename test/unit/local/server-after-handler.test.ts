import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RouteSpec } from '../../../lib/function-specs.js';
import type { HttpHandler, LocalServer } from '../../../local/server.js';
import { startSignedServer, type SignedServer } from './signed-server.js';

const routes: RouteSpec[] = [
  { id: 'Write', method: 'POST', path: '/things', handler: 'write', tables: {} },
  { id: 'Crash', method: 'POST', path: '/crash', handler: 'crash', tables: {} },
];

// What happened, in order: the handler's own steps and the server's calls of afterHandler.
const steps: string[] = [];

const handlers: Record<string, HttpHandler> = {
  write: async () => {
    steps.push('handler wrote');
    await Promise.resolve();
    steps.push('handler returned');
    return { statusCode: 201, body: '{}' };
  },
  crash: () => {
    steps.push('handler wrote');
    return Promise.reject(new Error('after the write'));
  },
};

describe('local server afterHandler (the stream poller wake)', () => {
  let server: LocalServer;
  let signed: SignedServer;
  let token: string;

  beforeAll(async () => {
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    signed = await startSignedServer({
      routes,
      handlerFor: (route) => handlers[route.handler],
      afterHandler: (route) => steps.push(`after ${route.id}`),
    });
    ({ server, token } = signed);
  });

  beforeEach(() => {
    steps.length = 0;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await signed.close();
  });

  const post = (path: string, bearer: string | undefined) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
      body: '{}',
    });

  it('is called once the handler has returned, before the client has its answer', async () => {
    const response = await post('/things', token);
    steps.push(`client got ${response.status}`);

    expect(steps).toEqual(['handler wrote', 'handler returned', 'after Write', 'client got 201']);
  });

  it('is called when the handler throws too: it may have written before throwing', async () => {
    const response = await post('/crash', token);
    steps.push(`client got ${response.status}`);

    expect(steps).toEqual(['handler wrote', 'after Crash', 'client got 500']);
  });

  it('is not called when no handler runs (a refused token, an unknown route)', async () => {
    const refused = await post('/things', 'forged');
    const unknown = await post('/nowhere', token);

    expect([refused.status, unknown.status]).toEqual([401, 404]);
    expect(steps).toEqual([]);
  });
});
