import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  erasePersonalData,
  openAccount,
  send,
  type TestApp,
} from '../../support/app.js';

let app: TestApp;

const open = (sub: string) => openAccount(app.deps, sub, { holderName: 'Input Subject' });

const stillOpen = async (sub: string, accountId: string) => {
  const state = await send(app.deps, { method: 'GET', path: `/accounts/${accountId}/state`, sub });
  return state.body['state'];
};

beforeAll(async () => {
  app = await createTestApp();
});

describe('DELETE /me/personal-data refuses a body it does not understand', () => {
  it('answers 4xx problem+json and erases nothing for any JSON body but {}', async () => {
    const accountId = await open('input-subject');
    const bodies = fc
      .jsonValue()
      .map((value) => JSON.stringify(value))
      .filter((text) => text !== '{}');

    await fc.assert(
      fc.asyncProperty(bodies, async (rawBody) => {
        const answer = await send(app.deps, {
          method: 'DELETE',
          path: '/me/personal-data',
          sub: 'input-subject',
          rawBody,
        });

        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toBe('application/problem+json');
      }),
      { numRuns: 40 },
    );
    expect(await stillOpen('input-subject', accountId)).toMatchObject({
      status: 'open',
      personalDataErased: false,
    });
    expect(await app.deps.personalData.isErased('input-subject')).toBe(false);
  });

  it('refuses a body that is not JSON with 4xx and erases nothing', async () => {
    const accountId = await open('text-subject');

    const garbage = await send(app.deps, {
      method: 'DELETE',
      path: '/me/personal-data',
      sub: 'text-subject',
      rawBody: 'please erase me',
    });
    const form = await send(app.deps, {
      method: 'DELETE',
      path: '/me/personal-data',
      sub: 'text-subject',
      rawBody: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect([garbage.status, form.status]).toEqual([400, 415]);
    expect(await stillOpen('text-subject', accountId)).toMatchObject({ status: 'open' });
  });

  it('erases with no body or an empty JSON object', async () => {
    await open('empty-body-a');
    await open('empty-body-b');

    const none = await erasePersonalData(app.deps, 'empty-body-a');
    const empty = await send(app.deps, {
      method: 'DELETE',
      path: '/me/personal-data',
      sub: 'empty-body-b',
      body: {},
    });

    expect([none.status, empty.status]).toEqual([202, 202]);
  });
});
