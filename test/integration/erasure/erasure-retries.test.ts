import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openAccount, send, type TestApp } from '../../support/app.js';
import { projectAll } from '../../support/stream.js';

let app: TestApp;

const open = (sub: string) => openAccount(app.deps, sub, { holderName: 'Retry Subject' });

const erase = (sub: string) => send(app.deps, { method: 'DELETE', path: '/me/personal-data', sub });

beforeAll(async () => {
  app = await createTestApp();
});

describe('erasure retried or run concurrently', () => {
  it('answers every concurrent call with the same success', async () => {
    const accounts = [await open('concurrent-a'), await open('concurrent-a')].sort();
    await projectAll(app.deps);

    const answers = await Promise.all([1, 2, 3, 4].map(() => erase('concurrent-a')));

    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
    for (const answer of answers) {
      expect(answer.body).toEqual(answers[0]!.body);
      expect(answer.body['accounts']).toEqual(accounts);
    }
  });
});
