import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '../../../lambdas/dynamodb-client.js';
import { resumeErasures } from '../../../lambdas/handlers/resume-erasures.js';
import {
  createTestApp,
  erasePersonalData,
  openAccount,
  send,
  type TestApp,
} from '../../support/app.js';
import { crashAt, faultyClient, type CrashMode, type FaultyClient } from '../transfers/faults.js';

let app: TestApp;
let faults: FaultyClient;
const context = { awsRequestId: 'resumer' } as Context;

const open = (sub: string) => openAccount(app.deps, sub, { holderName: 'Crashing Subject' });

const erase = (sub: string) => erasePersonalData(app.deps, sub);

const withdraw = (sub: string, accountId: string) =>
  send(app.deps, {
    method: 'POST',
    path: `/accounts/${accountId}/withdrawals`,
    sub,
    body: { amount: 1 },
  });

/** Every account erased and closed, nothing accepted after, and the audit record completed. */
const expectFinished = async (sub: string, accounts: readonly string[]) => {
  const label = `after a crash of ${sub}`;
  for (const accountId of accounts) {
    const types = (await app.deps.store.load(accountId)).map((event) => event.type);
    expect(types, label).toEqual(['AccountOpened', 'PersonalDataErased']);
    expect((await withdraw(sub, accountId)).status, label).toBe(410);
  }
  const again = await erase(sub);
  expect(again.status, label).toBe(202);
  expect(again.body['accounts'], label).toEqual([...accounts].sort());
};

beforeAll(async () => {
  faults = faultyClient(createDocumentClient({ endpoint: inject('dynamoEndpoint') }));
  app = await createTestApp({}, { client: faults.client });
});

// A crash is an injected failure of one DynamoDB call of the erasure, before it is sent or after
// it took effect (as test/integration/transfers/faults.ts does for transfers).
describe('an erasure crashed between any two of its writes', () => {
  it('is finished by the next call or by the resumer, whichever comes first', async () => {
    await open('baseline');
    faults.plan(undefined);
    expect((await erase('baseline')).status).toBe(202);
    const steps = faults.calls.length;
    expect(steps).toBeGreaterThan(8);

    const scenarios = Array.from({ length: steps }, (_, at) => at).flatMap((at) =>
      (['before', 'after'] as CrashMode[]).map((mode) => ({ at, mode })),
    );
    for (const { at, mode } of scenarios) {
      const sub = `crash-${String(at)}-${mode}`;
      const accounts = [await open(sub), await open(sub)];
      faults.plan(crashAt(at, mode));

      const crashed = await erase(sub);
      const trace = faults.calls.map((call, index) => `${String(index)}:${call}`).join(' ');
      faults.plan(undefined);

      expect([202, 500], trace).toContain(crashed.status);
      if (at % 2 === 0) {
        expect((await erase(sub)).status).toBe(202);
      } else {
        const started = (await resumeErasures(app.deps)(undefined, context)).found > 0;
        // Before the audit record is written nothing was: only the next call can finish it.
        if (!started) {
          expect(crashed.status).toBe(500);
          expect(await app.deps.personalData.isErased(sub)).toBe(false);
          expect((await erase(sub)).status).toBe(202);
        }
      }
      await expectFinished(sub, accounts);
    }
  }, 300_000);

  it('leaves no erasure unfinished once the resumer ran', async () => {
    const sub = 'abandoned';
    const accounts = [await open(sub), await open(sub)];
    // The crash strikes after the key is shredded (the erasure's update of SubjectKeys).
    faults.plan(({ command, index }) =>
      command === 'UpdateCommand' && index > 3 ? 'after' : undefined,
    );
    expect((await erase(sub)).status).toBe(500);
    faults.plan(undefined);

    const summary = await resumeErasures(app.deps)(undefined, context);

    expect(summary).toMatchObject({ completed: summary.found, held: 0, failed: 0 });
    expect(summary.found).toBeGreaterThanOrEqual(1);
    expect((await resumeErasures(app.deps)(undefined, context)).found).toBe(0);
    await expectFinished(sub, accounts);
  });
});
