import { describe, expect, it } from 'vitest';
import { routes } from '../../../lib/function-specs.js';
import { createRouteMatcher } from '../../../local/route-matcher.js';

describe('route matcher', () => {
  const match = createRouteMatcher(routes);

  it('finds a route and decodes its path parameter', () => {
    const found = match('POST', '/accounts/acc%2D1/deposits');

    expect(found).toMatchObject({
      kind: 'found',
      route: { id: 'DepositMoney' },
      pathParameters: { id: 'acc-1' },
    });
  });

  it('tells a literal path from a parameterised one', () => {
    expect(match('GET', '/accounts')).toMatchObject({ route: { id: 'ListAccounts' } });
    expect(match('POST', '/accounts')).toMatchObject({ route: { id: 'OpenAccount' } });
    expect(match('GET', '/accounts/a1')).toMatchObject({ route: { id: 'GetAccount' } });
  });

  it('lists the allowed methods of a known path', () => {
    expect(match('PUT', '/accounts')).toEqual({
      kind: 'method-not-allowed',
      allow: ['POST', 'GET'],
    });
  });

  it('does not match a parameter across segments, a trailing slash or an empty segment', () => {
    expect(match('GET', '/accounts/a/b')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/accounts/')).toEqual({ kind: 'not-found' });
    expect(match('POST', '/accounts//deposits')).toEqual({ kind: 'not-found' });
  });

  it('treats a malformed escape as an unknown path', () => {
    expect(match('GET', '/accounts/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});
