import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataKeyCache, MAX_CACHE_TTL_MS } from '../../../lambdas/crypto/data-key-cache.js';

const dataKey = (keyId: string) => ({ keyId, key: randomBytes(32) });

const cacheWith = (ttlMs: number, size: number) => {
  let now = 1_000;
  const cache = new DataKeyCache({ ttlMs, size, clock: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
};

describe('DataKeyCache', () => {
  it('keeps a key until its TTL from loading has passed, however often it is used', () => {
    const { cache, advance } = cacheWith(60_000, 10);
    const key = dataKey('a');
    cache.putKey('s1', key);

    advance(59_999);
    expect(cache.get('s1')).toBe(key);
    advance(1);

    expect(cache.get('s1')).toBeUndefined();
  });

  it('evicts the least recently used subject when full', () => {
    const { cache } = cacheWith(60_000, 2);
    cache.putKey('s1', dataKey('1'));
    cache.putKey('s2', dataKey('2'));
    cache.get('s1');

    cache.putKey('s3', dataKey('3'));

    expect(cache.get('s2')).toBeUndefined();
    expect(cache.get('s1')).toMatchObject({ keyId: '1' });
    expect(cache.get('s3')).toMatchObject({ keyId: '3' });
    expect(cache.size).toBe(2);
  });

  it('replaces a cached key with an erasure tombstone that never expires', () => {
    const { cache, advance } = cacheWith(1_000, 10);
    cache.putKey('s1', dataKey('1'));

    cache.putErased('s1');
    advance(MAX_CACHE_TTL_MS * 10);

    expect(cache.get('s1')).toBe('erased');
  });

  it('refuses to cache a key for a subject known to be erased', () => {
    const { cache } = cacheWith(60_000, 10);
    cache.putErased('s1');

    cache.putKey('s1', dataKey('late'));

    expect(cache.get('s1')).toBe('erased');
  });

  it('caches nothing with a TTL of zero', () => {
    const { cache } = cacheWith(0, 10);

    cache.putKey('s1', dataKey('1'));

    expect(cache.get('s1')).toBeUndefined();
  });

  it.each([MAX_CACHE_TTL_MS + 1, -1, Number.NaN])('rejects a TTL of %s ms', (ttlMs) => {
    expect(() => cacheWith(ttlMs, 10)).toThrow(RangeError);
  });

  it('rejects a size below one', () => {
    expect(() => cacheWith(1_000, 0)).toThrow(RangeError);
  });
});
