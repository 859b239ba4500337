import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, erasePersonalData, send, type TestApp } from '../../support/app.js';

let app: TestApp;

const open = (sub: string) =>
  send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName: 'Hasty Subject', currency: 'EUR' },
  });

const erase = (sub: string) => erasePersonalData(app.deps, sub);

const stateOf = async (accountId: string) =>
  (await app.deps.store.load(accountId)).map((event) => event.type);

beforeAll(async () => {
  app = await createTestApp();
});

// No stream is projected in these tests: the erasure must not depend on any read model.
describe('erasure finds every account from the owner record written with the opening', () => {
  it('erases accounts opened just before, with no projection run', async () => {
    for (let round = 0; round < 5; round += 1) {
      const sub = `hasty-${String(round)}`;
      const opened = await Promise.all([open(sub), open(sub), open(sub)]);
      const ids = opened.map((answer) => String(answer.body['accountId'])).sort();

      const erased = await erase(sub);

      expect(erased.status).toBe(202);
      expect(erased.body['accounts']).toEqual(ids);
      for (const id of ids) {
        expect(await stateOf(id)).toEqual(['AccountOpened', 'PersonalDataErased']);
      }
    }
  });

  it('never leaves an account open that was opened concurrently with the erasure', async () => {
    for (let round = 0; round < 5; round += 1) {
      const sub = `racing-${String(round)}`;
      const answers = await Promise.all([open(sub), open(sub), erase(sub), open(sub), open(sub)]);
      const erasure = answers[2];
      const opened = answers
        .filter((answer) => answer !== erasure && answer.status === 201)
        .map((answer) => String(answer.body['accountId']));

      expect(erasure.status).toBe(202);
      for (const answer of answers.filter((answer) => answer !== erasure)) {
        expect([201, 410]).toContain(answer.status);
      }
      expect([...(erasure.body['accounts'] as string[])].sort()).toEqual([...opened].sort());
      for (const id of opened) {
        expect((await stateOf(id)).at(-1)).toBe('PersonalDataErased');
      }
    }
  });
});
