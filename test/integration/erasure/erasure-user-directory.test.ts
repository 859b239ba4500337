import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbErasureAudit } from '../../../lambdas/event-store/erasure-audit-table.js';
import { ErasureService } from '../../../lambdas/application/erasure-service.js';
import type { UserDirectory } from '../../../lambdas/application/ports.js';
import { DynamoDbOwnerRegistry } from '../../../lambdas/event-store/owners.js';
import { createTestApp, openAccount, type TestApp } from '../../support/app.js';

let app: TestApp;
const deleted: string[] = [];
let failNext = false;
const directory: UserDirectory = {
  deleteUser: (subjectId) => {
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('TooManyRequestsException'));
    }
    deleted.push(subjectId);
    return Promise.resolve();
  },
};
let erasure: ErasureService;

const open = (sub: string, initialDeposit = 0) =>
  openAccount(app.deps, sub, { holderName: 'Directory Subject', initialDeposit });

beforeAll(async () => {
  app = await createTestApp();
  const { deps } = app;
  erasure = new ErasureService({
    personalData: deps.personalData,
    service: deps.service,
    store: deps.store,
    commandLog: deps.commandLog,
    snapshots: deps.snapshots,
    audit: new DynamoDbErasureAudit(deps.client, deps.config.tables.Erasures),
    owners: new DynamoDbOwnerRegistry(deps.client, deps.config.tables.Owners),
    clock: deps.clock,
    ids: deps.ids,
    users: directory,
  });
});

describe('erasure deletes the subject’s user when the stack owns the pool', () => {
  it('deletes the user once every account is erased', async () => {
    await open('pool-user');

    const answer = await erasure.erase('pool-user', 'r1');

    expect(answer.done).toBe(true);
    expect(deleted).toEqual(['pool-user']);
  });

  it('keeps the user while an account still holds money (they must log in to withdraw it)', async () => {
    await open('pool-holder', 100);

    const answer = await erasure.erase('pool-holder', 'r2');

    expect(answer.done).toBe(false);
    expect(deleted).not.toContain('pool-holder');
  });

  it('leaves the erasure unfinished when the deletion fails, and the resumer finishes it', async () => {
    await open('pool-throttled');
    failNext = true;

    await expect(erasure.erase('pool-throttled', 'r3')).rejects.toThrow('TooManyRequests');
    const summary = await erasure.resumeUnfinished('resumer');

    expect(summary).toMatchObject({ found: 1, completed: 1, failed: 0 });
    expect(deleted).toContain('pool-throttled');
  });
});
