import { randomBytes } from 'node:crypto';
import { DataKeyCache, MAX_CACHE_TTL_MS } from './data-key-cache.js';
import { systemClock, type CipherBinding, type Clock } from '../application/ports.js';
import { openField, sealField, type EncryptedField } from './envelope.js';
import { EnvelopeAuthenticationError, SubjectErasedError } from './errors.js';
import { IV_BYTES } from './field-cipher.js';
import type { ErasureResult, KeyStore, SubjectDataKey } from './key-store.js';

/** Encrypts and decrypts personal fields under each subject's data key, and shreds those keys. */
export interface PersonalData {
  /** Encrypts with the subject's key, creating the key on first need; throws SubjectErasedError if erased. */
  encrypt(subjectId: string, plaintext: string, context: CipherBinding): Promise<EncryptedField>;
  /** Plaintext, or null when the subject was erased (key gone). Throws on a tampered/moved envelope. */
  decrypt(
    subjectId: string,
    envelope: EncryptedField,
    context: CipherBinding,
  ): Promise<string | null>;
  /** Shreds the subject's key (idempotent); returns whether this call erased it and when. */
  erase(subjectId: string): Promise<ErasureResult>;
  isErased(subjectId: string): Promise<boolean>;
}

export interface PersonalDataOptions {
  /** How long a plaintext data key stays cached; at most 300000 (5 minutes), default 300000. */
  readonly cacheTtlMs?: number;
  /** Most subjects whose keys stay cached, default 1000. */
  readonly cacheSize?: number;
  /** Current time, for the cache TTL; injectable for tests. */
  readonly clock?: Clock;
}

type Lookup = SubjectDataKey | 'erased' | 'absent';

class CachedPersonalData implements PersonalData {
  private readonly cache: DataKeyCache;
  // One key-store call per subject at a time, shared by every request waiting for that subject.
  private readonly obtaining = new Map<string, Promise<SubjectDataKey>>();
  private readonly finding = new Map<string, Promise<Lookup>>();

  constructor(
    private readonly keyStore: KeyStore,
    options: PersonalDataOptions,
  ) {
    this.cache = new DataKeyCache({
      ttlMs: options.cacheTtlMs ?? MAX_CACHE_TTL_MS,
      size: options.cacheSize ?? 1_000,
      clock: () => (options.clock ?? systemClock).now().getTime(),
    });
  }

  async encrypt(
    subjectId: string,
    plaintext: string,
    context: CipherBinding,
  ): Promise<EncryptedField> {
    const cached = this.cache.get(subjectId);
    if (cached === 'erased') {
      throw new SubjectErasedError(subjectId);
    }
    const dataKey = cached ?? (await this.obtain(subjectId));
    // A fresh random 96-bit nonce per field: under one key, GCM nonces must never repeat.
    return sealField(dataKey, randomBytes(IV_BYTES), plaintext, context);
  }

  async decrypt(
    subjectId: string,
    envelope: EncryptedField,
    context: CipherBinding,
  ): Promise<string | null> {
    const found = this.cache.get(subjectId) ?? (await this.find(subjectId));
    if (found === 'erased') {
      return null;
    }
    if (found === 'absent') {
      throw new EnvelopeAuthenticationError('unknown-subject');
    }
    return openField(found, envelope, context);
  }

  async erase(subjectId: string): Promise<ErasureResult> {
    // Stop using the cached key at once; the tombstone goes in only once the store confirms.
    this.cache.evict(subjectId);
    const result = await this.keyStore.erase(subjectId);
    this.cache.putErased(subjectId);
    return result;
  }

  async isErased(subjectId: string): Promise<boolean> {
    if (this.cache.get(subjectId) === 'erased') {
      return true;
    }
    const erased = (await this.keyStore.status(subjectId)) === 'erased';
    if (erased) {
      this.cache.putErased(subjectId);
    }
    return erased;
  }

  private obtain(subjectId: string): Promise<SubjectDataKey> {
    return this.singleFlight(this.obtaining, subjectId, async () => {
      try {
        const dataKey = await this.keyStore.obtainDataKey(subjectId);
        this.cache.putKey(subjectId, dataKey);
        return dataKey;
      } catch (error) {
        if (error instanceof SubjectErasedError) {
          this.cache.putErased(subjectId);
        }
        throw error;
      }
    });
  }

  private find(subjectId: string): Promise<Lookup> {
    return this.singleFlight(this.finding, subjectId, async () => {
      const lookup = await this.keyStore.findDataKey(subjectId);
      if (lookup.status === 'active') {
        this.cache.putKey(subjectId, lookup.dataKey);
        return lookup.dataKey;
      }
      if (lookup.status === 'erased') {
        this.cache.putErased(subjectId);
      }
      return lookup.status;
    });
  }

  private singleFlight<T>(
    inFlight: Map<string, Promise<T>>,
    subjectId: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const pending = inFlight.get(subjectId);
    if (pending) {
      return pending;
    }
    const started = load().finally(() => inFlight.delete(subjectId));
    inFlight.set(subjectId, started);
    return started;
  }
}

/**
 * Builds {@link PersonalData} over a key store, with an LRU of plaintext data keys (TTL <= 5 min).
 * @example
 * const pd = createPersonalData(createKeyStore(config, { documentClient }), { cacheTtlMs: 60_000 });
 */
export const createPersonalData = (
  keyStore: KeyStore,
  options: PersonalDataOptions = {},
): PersonalData => new CachedPersonalData(keyStore, options);
