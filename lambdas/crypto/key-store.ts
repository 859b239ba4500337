/** A subject's plaintext data key and its id (the `kid` written into every envelope it seals). */
export interface SubjectDataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** Where a subject's key stands: never created, usable, or erased for good. */
export type SubjectKeyStatus = 'absent' | 'active' | 'erased';

/** A key lookup that never creates anything. */
export type DataKeyLookup =
  | { readonly status: 'active'; readonly dataKey: SubjectDataKey }
  | { readonly status: 'absent' | 'erased' };

/** What makes an erasure reach the backups: a key deletion, or backups ageing out. */
export type BackupReach = 'kms-key-deletion' | 'epoch-key-deletion' | 'end-of-pitr-window';

/** The key strategy that shredded a subject, and what makes its erasure reach every backup. */
export interface BackupReceipt {
  readonly strategy: string;
  readonly reachedBy: BackupReach;
}

/**
 * What an erase call did: whether this call erased the subject, when the subject was erased (its
 * wrapped data key deleted: no live copy remains), and by when no backup can yield that key.
 */
export interface ErasureResult {
  readonly erasedNow: boolean;
  readonly erasedAt: string;
  readonly reachesBackupsBy: string;
  readonly backups: BackupReceipt;
}

/**
 * Per-subject data keys (the KeyStore port). Every adapter keeps its records in SubjectKeys, where an
 * erased subject keeps a marker forever, so no adapter can ever create a key for it again.
 */
export interface KeyStore {
  /**
   * The subject's data key, created on first need (race-safe: a lost race uses the winner's key).
   * @throws SubjectErasedError when the subject was erased.
   */
  obtainDataKey(subjectId: string): Promise<SubjectDataKey>;
  /** The subject's data key if it exists and is not erased; never creates one. */
  findDataKey(subjectId: string): Promise<DataKeyLookup>;
  /** Where the subject's key stands, without unwrapping it. */
  status(subjectId: string): Promise<SubjectKeyStatus>;
  /**
   * Shreds the subject's key: marks it erased, removes the wrapped key and retires the master key
   * where it is the subject's own (KMS key per subject). Idempotent, and a retry finishes a partial run.
   */
  erase(subjectId: string): Promise<ErasureResult>;
}

/** A freshly generated data key, with what SubjectKeys stores to find and unwrap it again. */
export interface GeneratedKey {
  readonly key: Buffer;
  readonly keyRef: string;
  readonly wrappedKey: string;
}

/** How one adapter wraps data keys (local master key, one KMS key, or a KMS key per subject). */
export interface KeyWrapper {
  /** Generates a new data key for the subject, wrapped under the adapter's master key. */
  generate(subjectId: string): Promise<GeneratedKey>;
  /** Called once SubjectKeys holds the new key (a per-subject KMS key is aliased then). */
  recorded?(subjectId: string, keyRef: string): Promise<void>;
  /** Unwraps a stored data key. */
  unwrap(subjectId: string, keyRef: string, wrappedKey: string): Promise<Buffer>;
  /**
   * Makes a master key unusable when it belonged to one subject only (disable and schedule
   * deletion); a no-op for shared master keys. Idempotent.
   */
  retire(keyRef: string): Promise<void>;
  /**
   * `kms-epoch`: a new key may be stored only while the epoch key that wrapped it is current
   * (SubjectKeysTable.createUnderEpoch).
   */
  readonly epochGuarded?: boolean;
}
