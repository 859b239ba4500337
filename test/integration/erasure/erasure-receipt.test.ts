import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  erasePersonalData,
  send,
  type TestApp,
  type TestResponse,
} from '../../support/app.js';

// The erasure receipt (issue 13 item 3): besides the erasure id and the accounts, when the key was
// destroyed and the date by which the erasure reaches backups under the configured key strategy.
// Locally (`local`, like `kms-envelope`) that is the end of SubjectKeys' point-in-time recovery
// window (7 days, lib/table-specs.ts): a backup older than that can no longer be restored.
const DAY_MS = 86_400_000;
let app: TestApp;
let first: TestResponse;

const erase = () => erasePersonalData(app.deps, 'receipt-subject');

beforeAll(async () => {
  app = await createTestApp();
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub: 'receipt-subject',
    body: { holderName: 'Receipt Holder', currency: 'EUR' },
  });
  expect(opened.status).toBe(201);
  first = await erase();
});

describe('the erasure receipt', () => {
  it('says when the key was destroyed and when the erasure reaches backups', () => {
    const body = first.body;
    const destroyed = Date.parse(String(body['keyDestroyedAt']));
    const requested = Date.parse(String(body['requestedAt']));
    const completed = Date.parse(String(body['completedAt']));

    expect(first.status).toBe(202);
    expect(destroyed).toBeGreaterThanOrEqual(requested);
    expect(destroyed).toBeLessThanOrEqual(completed);
    expect(body['backups']).toEqual({ strategy: 'local', reachedBy: 'end-of-pitr-window' });
    expect(Date.parse(String(body['reachesBackupsBy']))).toBe(destroyed + 7 * DAY_MS);
  });

  it('answers the same receipt on a replay', async () => {
    const again = await erase();

    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
  });

  it('keeps the same receipt in the audit record', async () => {
    const { Item } = await app.deps.client.send(
      new GetCommand({
        TableName: app.deps.config.tables.Erasures,
        Key: { subjectId: 'receipt-subject' },
        ConsistentRead: true,
      }),
    );

    expect(Item).toMatchObject({
      erasureId: first.body['erasureId'],
      keyDestroyedAt: first.body['keyDestroyedAt'],
      reachesBackupsBy: first.body['reachesBackupsBy'],
      backups: first.body['backups'],
    });
  });
});
