import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { idempotencyRecordId } from '../../../lambdas/event-store/command-ids.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';

// Issue 11 item 3: Idempotency-Keys are scoped to the caller. Before the fix the record id was
// `sub#key`, so user `col` with key `x#k` and user `col#x` with key `k` shared one record: the
// second user received the first user's 201 and account id.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const openWith = (sub: string, key: string) =>
  send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    headers: { 'idempotency-key': key },
    body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 100 },
  });

describe('an Idempotency-Key', () => {
  it.each([
    [
      ['col', 'x#k'],
      ['col#x', 'k'],
    ],
    [
      ['a#', 'b'],
      ['a', '#b'],
    ],
    [
      ['u:1', '2'],
      ['u', '1:2'],
    ],
    [
      ['3:abc', 'k'],
      ['abc', 'k'],
    ],
  ])('of one user never replays another user’s response (%j vs %j)', async (first, second) => {
    const a = await openWith(first[0]!, first[1]!);
    const b = await openWith(second[0]!, second[1]!);

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body['accountId']).not.toBe(a.body['accountId']);
  });

  it('still replays the same user’s retry', async () => {
    const a = await openWith('col#y', 'k#1');
    const b = await openWith('col#y', 'k#1');

    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body['accountId']).toBe(a.body['accountId']);
  });

  /** Moves a request's record to the id it had before issue 11, as a record stored then. */
  const storeAsLegacy = async (sub: string, key: string, legacyId: string) => {
    const record = await app.deps.commandLog.find(idempotencyRecordId(sub, key));
    await app.deps.client.send(
      new DeleteCommand({
        TableName: app.deps.config.tables.Commands,
        Key: { commandId: idempotencyRecordId(sub, key) },
      }),
    );
    await app.deps.commandLog.record({ ...record!, commandId: legacyId });
    return record!;
  };

  it('replays a record stored under the old id when that id names exactly this pair', async () => {
    const first = await openWith('legacy-user', 'leg-1');
    await storeAsLegacy('legacy-user', 'leg-1', 'legacy-user#leg-1');

    const retry = await openWith('legacy-user', 'leg-1');

    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body['accountId']).toBe(first.body['accountId']);
  });

  it('never serves an old record whose id two pairs share', async () => {
    const first = await openWith('old', 'x#k');
    await storeAsLegacy('old', 'x#k', 'old#x#k');

    const other = await openWith('old#x', 'k');
    const same = await openWith('old', 'x#k');

    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body['accountId']).not.toBe(first.body['accountId']);
    // Its own old record is not found either: a retry across the release re-runs the command.
    expect(same.headers['idempotent-replayed']).toBeUndefined();
  });
});
