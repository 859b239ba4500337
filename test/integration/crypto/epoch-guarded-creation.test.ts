import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { untilRecoveryWindowEnds } from '../../../lambdas/crypto/backup-horizon.js';
import { KeyEpochsTable } from '../../../lambdas/crypto/key-epochs.js';
import type { KeyWrapper } from '../../../lambdas/crypto/key-store.js';
import { SubjectKeyStore } from '../../../lambdas/crypto/subject-key-store.js';
import {
  SubjectKeysTable,
  type ActiveSubjectKey,
} from '../../../lambdas/crypto/subject-keys-table.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { newSubject } from './support.js';

// kms-epoch key creation against DynamoDB Local: a new key is stored only while the epoch key that
// wrapped it is current (one transaction: a ConditionCheck on the epoch record, then the Put).
let tables: TestTables;
let table: SubjectKeysTable;

const CURRENT = 'epoch-key-2';

const keyOf = (subjectId: string, keyRef: string): ActiveSubjectKey => ({
  subjectId,
  status: 'active',
  keyRef,
  keyId: 'key-id',
  wrappedKey: 'wrapped',
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A wrapper that wraps under `keyRefs` in turn (the last one again once they run out). */
const wrapperOver = (keyRefs: readonly string[]) => {
  const generated: string[] = [];
  const wrapper: KeyWrapper = {
    epochGuarded: true,
    generate: () => {
      const keyRef = keyRefs[Math.min(generated.length, keyRefs.length - 1)] ?? CURRENT;
      generated.push(keyRef);
      return Promise.resolve({ key: randomBytes(32), keyRef, wrappedKey: `wrapped-${keyRef}` });
    },
    unwrap: () => Promise.resolve(randomBytes(32)),
    retire: () => Promise.resolve(),
  };
  return { wrapper, generated };
};

const storeOver = (wrapper: KeyWrapper) =>
  new SubjectKeyStore({ table, wrapper, horizon: untilRecoveryWindowEnds('kms-epoch', 7) });

beforeEach(async () => {
  tables = await createTestTables();
  table = new SubjectKeysTable(tables.client, tables.names.SubjectKeys);
  const epochs = new KeyEpochsTable(tables.client, tables.names.SubjectKeys);
  await epochs.begin({ epoch: 2, keyRef: CURRENT, startedAt: '2026-01-01T00:00:00.000Z' });
});

describe('SubjectKeysTable.createUnderEpoch', () => {
  it('creates a key wrapped under the current epoch, then answers exists for the subject', async () => {
    const subject = newSubject();

    expect(await table.createUnderEpoch(keyOf(subject, CURRENT))).toBe('created');
    expect(await table.createUnderEpoch(keyOf(subject, CURRENT))).toBe('exists');
    expect(await table.get(subject)).toMatchObject({ status: 'active', keyRef: CURRENT });
  });

  it('answers stale-epoch for a key wrapped under another epoch, and stores nothing', async () => {
    const subject = newSubject();

    expect(await table.createUnderEpoch(keyOf(subject, 'epoch-key-1'))).toBe('stale-epoch');
    expect(await table.get(subject)).toBeUndefined();
  });

  it('answers stale-epoch when the subject also exists (the epoch is checked first)', async () => {
    const subject = newSubject();
    await table.createUnderEpoch(keyOf(subject, CURRENT));

    expect(await table.createUnderEpoch(keyOf(subject, 'epoch-key-1'))).toBe('stale-epoch');
  });
});

describe('SubjectKeyStore under an epoch that keeps switching', () => {
  it('wraps a new key under the next epoch when the first one went stale', async () => {
    const subject = newSubject();
    const { wrapper, generated } = wrapperOver(['epoch-key-1', CURRENT]);

    const dataKey = await storeOver(wrapper).obtainDataKey(subject);

    expect(generated).toEqual(['epoch-key-1', CURRENT]);
    expect(await table.get(subject)).toMatchObject({ keyRef: CURRENT, keyId: dataKey.keyId });
  });

  it('generates three keys at the most, then reads the record that is not there', async () => {
    const subject = newSubject();
    const { wrapper, generated } = wrapperOver(['epoch-key-1']);

    const obtained = storeOver(wrapper).obtainDataKey(subject);

    await expect(obtained).rejects.toThrow(
      'SubjectKeys record vanished after a conditional put failed',
    );
    expect(generated).toEqual(['epoch-key-1', 'epoch-key-1', 'epoch-key-1']);
    expect(await table.get(subject)).toBeUndefined();
  });

  it('answers the key that won when the subject was created meanwhile', async () => {
    const subject = newSubject();
    await table.createUnderEpoch({ ...keyOf(subject, CURRENT), keyId: 'winner' });
    const { wrapper, generated } = wrapperOver([CURRENT]);
    const racing = storeOver(wrapper);
    // The race: the record appears between this store's read and its write.
    const reads = table.get.bind(table);
    let first = true;
    table.get = async (id) => {
      if (first) {
        first = false;
        return undefined;
      }
      return reads(id);
    };

    const dataKey = await racing.obtainDataKey(subject);

    expect(dataKey.keyId).toBe('winner');
    expect(generated).toEqual([CURRENT]);
  });
});
