import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CipherBinding } from '../../../lambdas/application/ports.js';
import { EnvelopeAuthenticationError, SubjectErasedError } from '../../../lambdas/crypto/errors.js';
import { createPersonalData } from '../../../lambdas/crypto/personal-data.js';
import { FakeKeyStore } from './fake-key-store.js';

const context: CipherBinding = {
  streamId: 'acc-1',
  eventId: 'evt-1',
  type: 'AccountOpened',
  schema: 1,
  field: 'holderName',
};

const setup = (options: { cacheTtlMs?: number } = {}) => {
  let now = 0;
  const store = new FakeKeyStore();
  const pd = createPersonalData(store, { ...options, clock: { now: () => new Date(now) } });
  return { store, pd, advance: (ms: number) => (now += ms) };
};

describe('PersonalData', () => {
  it('decrypts what it encrypted for the same subject and place', async () => {
    const { pd } = setup();

    const envelope = await pd.encrypt('alice', 'Alice Liddell', context);

    expect(await pd.decrypt('alice', envelope, context)).toBe('Alice Liddell');
  });

  it('never repeats a nonce under one subject key', async () => {
    const { pd } = setup();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 10 }), async (a, b) => {
        const first = await pd.encrypt('alice', a, context);
        const second = await pd.encrypt('alice', a, { ...context, eventId: b });

        expect(first.iv).not.toBe(second.iv);
        expect(seen.has(first.iv) || seen.has(second.iv)).toBe(false);
        seen.add(first.iv).add(second.iv);
      }),
      { numRuns: 2_000 },
    );
    expect(seen.size).toBe(4_000);
  });

  it('rejects an envelope decrypted as another subject', async () => {
    const { pd } = setup();
    const envelope = await pd.encrypt('alice', 'Alice', context);
    await pd.encrypt('bob', 'Bob', context);

    await expect(pd.decrypt('bob', envelope, context)).rejects.toMatchObject({
      reason: 'key-mismatch',
    });
    await expect(pd.decrypt('carol', envelope, context)).rejects.toBeInstanceOf(
      EnvelopeAuthenticationError,
    );
  });

  it('answers null after erasure and refuses to encrypt for the erased subject', async () => {
    const { pd } = setup();
    const envelope = await pd.encrypt('alice', 'Alice', context);

    const result = await pd.erase('alice');

    expect(result.erasedNow).toBe(true);
    expect(await pd.decrypt('alice', envelope, context)).toBeNull();
    await expect(pd.encrypt('alice', 'Alice', context)).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await pd.isErased('alice')).toBe(true);
  });

  it('evicts the erased subject from its cache but leaves other subjects alone', async () => {
    const { pd, store } = setup();
    const alice = await pd.encrypt('alice', 'Alice', context);
    const bob = await pd.encrypt('bob', 'Bob', context);

    await pd.erase('alice');
    store.calls.length = 0;

    expect(await pd.decrypt('alice', alice, context)).toBeNull();
    expect(await pd.decrypt('bob', bob, context)).toBe('Bob');
    expect(store.calls).toEqual([]);
  });

  it('reports an erasure a second time as not done now, with the first time', async () => {
    const { pd } = setup();
    await pd.encrypt('alice', 'Alice', context);

    const first = await pd.erase('alice');
    const second = await pd.erase('alice');

    expect(second).toEqual({ ...first, erasedNow: false });
  });

  it('reads a key from the store once per TTL and once for concurrent callers', async () => {
    const { pd, store, advance } = setup({ cacheTtlMs: 60_000 });

    await Promise.all([1, 2, 3].map(() => pd.encrypt('alice', 'Alice', context)));
    advance(59_000);
    await pd.encrypt('alice', 'Alice', context);
    advance(1_000);
    await pd.encrypt('alice', 'Alice', context);

    expect(store.calls).toEqual(['obtain:alice', 'obtain:alice']);
  });

  it('sees an erasure made elsewhere once the cached key expires', async () => {
    const { pd, store, advance } = setup({ cacheTtlMs: 300_000 });
    const envelope = await pd.encrypt('alice', 'Alice', context);

    await store.erase('alice');
    advance(300_000);

    expect(await pd.decrypt('alice', envelope, context)).toBeNull();
  });

  it('rejects a cache TTL above five minutes', () => {
    expect(() => createPersonalData(new FakeKeyStore(), { cacheTtlMs: 300_001 })).toThrow(
      RangeError,
    );
  });

  it('does not report a subject that was never seen as erased', async () => {
    const { pd } = setup();

    expect(await pd.isErased('nobody')).toBe(false);
  });
});
