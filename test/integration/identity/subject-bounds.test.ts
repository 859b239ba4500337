import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBJECT_BYTES } from '../../../lambdas/http/request.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';

// Issue 11 item 1: the edge treats `sub` as opaque and bounded. Before the fix a 3 KB `sub` answered
// 500 (DynamoDB refused the 3 KB key) and control characters were accepted as an identity.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const openAs = (sub: string) =>
  send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName: 'Ada Lovelace', currency: 'EUR' },
    headers: { 'idempotency-key': 'k'.repeat(255) },
  });

describe('the subject of a token', () => {
  it.each([
    ['empty', ''],
    ['3 KB long', 'u'.repeat(3 * 1024)],
    ['one byte over the bound', 'u'.repeat(MAX_SUBJECT_BYTES + 1)],
    [
      'over the bound in UTF-8 bytes though not in characters',
      'é'.repeat(MAX_SUBJECT_BYTES / 2 + 1),
    ],
    ['holding a NUL', 'user\u0000-1'],
    ['holding a newline', 'user\n1'],
    ['holding DEL', 'user\u007f1'],
    ['holding a C1 control', 'user\u00851'],
  ])('is refused with 401 problem+json when %s, writing nothing', async (_case, sub) => {
    const before = (await allEvents(app.deps)).length;

    const response = await openAs(sub);

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body['code']).toBe('unauthorized');
    expect(JSON.stringify(response.body)).not.toContain(sub.slice(0, 8) || '\u0000');
    expect((await allEvents(app.deps)).length).toBe(before);
  });

  it('is accepted at exactly the bound, with the longest Idempotency-Key', async () => {
    const response = await openAs('u'.repeat(MAX_SUBJECT_BYTES));

    expect(response.status).toBe(201);
  });

  it('is any other string, and never answers 5xx', async () => {
    const subjects = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 300 })
      .filter((sub) => !/[\p{Cc}]/u.test(sub));
    await fc.assert(
      fc.asyncProperty(subjects, async (sub) => {
        const response = await send(app.deps, { method: 'GET', path: '/accounts', sub });
        expect(response.status).toBe(200);
      }),
      { numRuns: 40 },
    );
  });
});
