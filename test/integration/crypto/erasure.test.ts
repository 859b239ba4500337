import { untilRecoveryWindowEnds } from '../../../lambdas/crypto/backup-horizon.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  createPersonalData,
  protectEventData,
  revealEventData,
  SubjectErasedError,
} from '../../../lambdas/crypto/index.js';
import type { GeneratedKey, KeyWrapper } from '../../../lambdas/crypto/key-store.js';
import { LocalKeyWrapper } from '../../../lambdas/crypto/local-key-wrapper.js';
import { SubjectKeyStore } from '../../../lambdas/crypto/subject-key-store.js';
import { SubjectKeysTable } from '../../../lambdas/crypto/subject-keys-table.js';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import { cryptoConfig, dumpAllTables, newSubject, subjectKeyItem, tempDir } from './support.js';

let tables: TestTables;
let masterKeyFile: string;
const keyStore = () =>
  createKeyStore(cryptoConfig(tables, 'local', { localMasterKeyFile: masterKeyFile }), {
    documentClient: tables.client,
  });

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<undefined>((done) => {
    resolve = () => {
      done(undefined);
    };
  });
  return { promise, resolve };
};

/** A wrapper that stops inside generate() until released: a writer paused mid-creation. */
const pausedWrapper = (inner: KeyWrapper) => {
  const released = deferred();
  const atGenerate = deferred();
  const wrapper: KeyWrapper = {
    generate: async (subjectId: string): Promise<GeneratedKey> => {
      const generated = await inner.generate(subjectId);
      atGenerate.resolve();
      await released.promise;
      return generated;
    },
    unwrap: (subjectId, keyRef, wrappedKey) => inner.unwrap(subjectId, keyRef, wrappedKey),
    retire: (keyRef) => inner.retire(keyRef),
  };
  return {
    wrapper,
    atGenerate: atGenerate.promise,
    release: () => {
      released.resolve();
    },
  };
};

beforeAll(async () => {
  tables = await createTestTables();
  masterKeyFile = join(await tempDir(), 'master.key');
});

describe('erasure against concurrent writers', () => {
  it('defeats a writer that read "no key yet" before the erasure and writes after it', async () => {
    const alice = newSubject();
    const paused = pausedWrapper(new LocalKeyWrapper(masterKeyFile));
    const slowWriter = new SubjectKeyStore({
      table: new SubjectKeysTable(tables.client, tables.names.SubjectKeys),
      wrapper: paused.wrapper,
      horizon: untilRecoveryWindowEnds('local', 7),
    });

    const creation = slowWriter.obtainDataKey(alice);
    await paused.atGenerate;
    await keyStore().erase(alice);
    paused.release();

    await expect(creation).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await subjectKeyItem(tables, alice)).toMatchObject({ status: 'erased' });
    expect(await subjectKeyItem(tables, alice)).not.toHaveProperty('wrappedKey');
  });

  it('refuses a raw conditional put of a new key over an erased marker', async () => {
    const alice = newSubject();
    await keyStore().erase(alice);
    const table = new SubjectKeysTable(tables.client, tables.names.SubjectKeys);

    const written = await table.create({
      subjectId: alice,
      status: 'active',
      keyRef: 'local:resurrected',
      keyId: 'k',
      wrappedKey: 'AAAA',
      createdAt: new Date().toISOString(),
    });

    expect(written).toBe(false);
    expect(await subjectKeyItem(tables, alice)).toMatchObject({ status: 'erased' });
  });

  it('ends erased, with no wrapped key, whatever the interleaving of writers and erasers', async () => {
    const subjects = Array.from({ length: 10 }, newSubject);

    const outcomes = await Promise.allSettled(
      subjects.flatMap((id, index) => [
        ...Array.from({ length: 4 }, () => keyStore().obtainDataKey(id)),
        new Promise((resolve) => setTimeout(resolve, index)).then(() => keyStore().erase(id)),
        ...Array.from({ length: 4 }, () => keyStore().obtainDataKey(id)),
      ]),
    );

    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(SubjectErasedError);
      }
    }
    for (const id of subjects) {
      const item = await subjectKeyItem(tables, id);
      expect(item).toMatchObject({ status: 'erased' });
      expect(item).not.toHaveProperty('wrappedKey');
      await expect(keyStore().obtainDataKey(id)).rejects.toBeInstanceOf(SubjectErasedError);
    }
  });
});

describe('plaintext at rest', () => {
  it('is in no table before or after erasure, and neither is the data key', async () => {
    const alice = newSubject();
    const accountId = randomUUID();
    const pd = createPersonalData(keyStore());
    const events = new DynamoDbEventStore({
      client: tables.client,
      eventsTable: tables.names.Events,
      commandsTable: tables.names.Commands,
      ownersTable: tables.names.Owners,
    });
    const event = { streamId: accountId, eventId: randomUUID(), type: 'AccountOpened', schema: 1 };
    const data = await protectEventData(pd, alice, event, {
      ownerId: alice,
      holderName: 'Zebedee Quixotic-Marchbanks',
      currency: 'EUR',
    });
    const metadata = { actorId: alice, commandId: 'c', correlationId: 'c', causationId: 'c' };
    await events.append({
      streamId: accountId,
      expectedVersion: 0,
      events: [
        {
          ...event,
          occurredAt: '2026-01-01T00:00:00.000Z',
          data,
          metadata: { ...metadata, requestId: 'r' },
        },
      ],
    });
    const { key } = await keyStore().obtainDataKey(alice);
    const secrets = /Zebedee|Quixotic|Marchbanks/;

    const before = await dumpAllTables(tables);
    await pd.erase(alice);
    const after = await dumpAllTables(tables);

    for (const dump of [before, after]) {
      expect(dump).not.toMatch(secrets);
      expect(dump).not.toContain(key.toString('base64'));
      expect(dump).not.toContain(key.toString('hex'));
    }
    const [stored] = await events.load(accountId);
    const revealed = await revealEventData(pd, alice, event, stored!.data);
    expect(revealed).toEqual({
      data: { ownerId: alice, holderName: null, currency: 'EUR' },
      personalDataErased: true,
    });
  });
});
