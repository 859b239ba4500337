import type { SubjectDataKey } from './key-store.js';

/** The longest a plaintext data key may stay in memory after it was read from the key store. */
export const MAX_CACHE_TTL_MS = 300_000;

export interface DataKeyCacheOptions {
  readonly ttlMs: number;
  readonly size: number;
  /** Epoch milliseconds. */
  readonly clock: () => number;
}

type Entry =
  | { readonly kind: 'key'; readonly dataKey: SubjectDataKey; readonly expiresAt: number }
  | { readonly kind: 'erased' };

/**
 * LRU of plaintext data keys, each kept at most `ttlMs` from when it was read (never extended by
 * use). Erased subjects are remembered as tombstones: erasure is final, so that needs no expiry,
 * and a key read before an erasure can no longer be put back after it.
 */
export class DataKeyCache {
  // A Map iterates in insertion order, so re-inserting on use makes its first key the LRU one.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: DataKeyCacheOptions) {
    if (!(options.ttlMs >= 0 && options.ttlMs <= MAX_CACHE_TTL_MS)) {
      throw new RangeError(`The data-key cache TTL must be between 0 and ${MAX_CACHE_TTL_MS} ms`);
    }
    if (!(Number.isSafeInteger(options.size) && options.size >= 1)) {
      throw new RangeError('The data-key cache size must be a positive integer');
    }
  }

  /** The cached key, `'erased'` for a known erased subject, or undefined. */
  get(subjectId: string): SubjectDataKey | 'erased' | undefined {
    const entry = this.entries.get(subjectId);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.kind === 'key' && entry.expiresAt <= this.options.clock()) {
      this.entries.delete(subjectId);
      return undefined;
    }
    this.touch(subjectId, entry);
    return entry.kind === 'erased' ? 'erased' : entry.dataKey;
  }

  /** Caches a key, unless the subject is already known to be erased. */
  putKey(subjectId: string, dataKey: SubjectDataKey): void {
    if (this.entries.get(subjectId)?.kind === 'erased' || this.options.ttlMs === 0) {
      return;
    }
    this.touch(subjectId, {
      kind: 'key',
      dataKey,
      expiresAt: this.options.clock() + this.options.ttlMs,
    });
  }

  /** Forgets the subject's key and remembers that it is erased. */
  putErased(subjectId: string): void {
    this.touch(subjectId, { kind: 'erased' });
  }

  /** Forgets whatever is cached for the subject. */
  evict(subjectId: string): void {
    this.entries.delete(subjectId);
  }

  /** Number of entries (keys and tombstones). */
  get size(): number {
    return this.entries.size;
  }

  private touch(subjectId: string, entry: Entry): void {
    this.entries.delete(subjectId);
    this.entries.set(subjectId, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.size) {
        break;
      }
      this.entries.delete(oldest);
    }
  }
}
