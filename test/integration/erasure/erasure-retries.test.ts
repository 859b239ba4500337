import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErasureInterruptedError } from '../../../lambdas/application/erasure-service.js';
import { DynamoDbErasureAudit } from '../../../lambdas/event-store/erasure-audit-table.js';
import { createTestApp, erasePersonalData, openAccount, type TestApp } from '../../support/app.js';
import { projectAll } from '../../support/stream.js';

let app: TestApp;

const open = (sub: string) => openAccount(app.deps, sub, { holderName: 'Retry Subject' });

const erase = (sub: string) => erasePersonalData(app.deps, sub);

beforeAll(async () => {
  app = await createTestApp();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every pinned append of the erasure answers `error`, counted. */
const refusingWith = (
  error: { code: 'version-mismatch'; currentVersion: number } | { code: 'account-closed' },
) =>
  vi
    .spyOn(app.deps.service, 'execute')
    .mockImplementation((accountId) => Promise.resolve({ ok: false, accountId, error }));

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

describe('erasure of an account that keeps changing', () => {
  it('checks and appends five times at the most, then stays started for the resumer', async () => {
    await open('changing-a');
    const appends = refusingWith({ code: 'version-mismatch', currentVersion: 1 });

    const erasure = app.deps.erasure.erase('changing-a', 'r-changing');

    await expect(erasure).rejects.toBeInstanceOf(ErasureInterruptedError);
    await expect(erasure).rejects.toThrow('an account kept changing during its erasure');
    expect(appends).toHaveBeenCalledTimes(5);
    const audit = new DynamoDbErasureAudit(app.deps.client, app.deps.config.tables.Erasures);
    expect(await audit.get('changing-a')).toMatchObject({ status: 'started' });
  });

  it('stops at once on any other refusal', async () => {
    await open('changing-b');
    const appends = refusingWith({ code: 'account-closed' });

    const erasure = app.deps.erasure.erase('changing-b', 'r-refused');

    await expect(erasure).rejects.toThrow('erasure of an account refused: account-closed');
    expect(appends).toHaveBeenCalledTimes(1);
  });
});
