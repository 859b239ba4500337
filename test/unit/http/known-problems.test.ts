import { describe, expect, it } from 'vitest';
import { httpHandler, type HttpEvent } from '../../../lambdas/http/middleware.js';
import { InvalidCursorError } from '../../../lambdas/projections/queries.js';
import { buildLambdaContext } from '../../../local/gateway-event.js';

const event = { routeKey: 'GET /probe', headers: {}, requestContext: {} } as unknown as HttpEvent;

// Issue 14 item 2: a known error is mapped in the one place that maps them (the HTTP edge), not
// by each handler that happens to call code that throws it.
describe('known errors at the HTTP edge', () => {
  it('answers an invalid cursor from any handler with a 400 invalid-request problem', async () => {
    const handler = httpHandler(() => {
      throw new InvalidCursorError('The cursor is not one this API issued.');
    });

    const response = await handler(event, buildLambdaContext('probe', 'req-1'));

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toEqual({
      type: 'urn:problem:ledger:invalid-request',
      code: 'invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: 'The cursor is not one this API issued.',
    });
  });
});
