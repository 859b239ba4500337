import { systemClock, type Clock } from '../application/ports.js';
import { randomBytes } from 'node:crypto';
import { retrying, type Retries } from '../retries.js';
import type { BackupHorizon } from './backup-horizon.js';
import { SubjectErasedError } from './errors.js';
import type {
  DataKeyLookup,
  ErasureResult,
  KeyStore,
  KeyWrapper,
  SubjectDataKey,
  SubjectKeyStatus,
} from './key-store.js';
import type {
  ActiveSubjectKey,
  ErasedSubjectKey,
  SubjectKeyRecord,
  SubjectKeysTable,
} from './subject-keys-table.js';

export interface SubjectKeyStoreOptions {
  readonly table: SubjectKeysTable;
  readonly wrapper: KeyWrapper;
  /** When an erasure reaches the backups under this store's strategy (the erasure receipt). */
  readonly horizon: BackupHorizon;
  /** Current time (erasedAt, createdAt); injectable for tests. */
  readonly clock?: Clock;
}

/** A rotation switched the epoch while a key was generated under it (kms-epoch). */
class StaleEpochError extends Error {
  override readonly name = 'StaleEpochError';
}

/** A key that went stale is wrapped again under the next epoch, twice at the most, at once. */
const epochSwitches: Retries = {
  delaysMs: [0, 0],
  retryable: (error) => error instanceof StaleEpochError,
};

/**
 * The KeyStore over SubjectKeys and one {@link KeyWrapper}. The table decides every race: key
 * creation is a conditional put that an existing record (active or erased) defeats, and erasure a
 * conditional update, so a slow writer can never bring back an erased subject's key.
 */
export class SubjectKeyStore implements KeyStore {
  private readonly table: SubjectKeysTable;
  private readonly wrapper: KeyWrapper;
  private readonly horizon: BackupHorizon;
  private readonly clock: Clock;

  constructor(options: SubjectKeyStoreOptions) {
    this.table = options.table;
    this.wrapper = options.wrapper;
    this.horizon = options.horizon;
    this.clock = options.clock ?? systemClock;
  }

  async obtainDataKey(subjectId: string): Promise<SubjectDataKey> {
    try {
      return await retrying(() => this.obtainOnce(subjectId), epochSwitches);
    } catch (error) {
      if (error instanceof StaleEpochError) {
        return this.afterLostRace(subjectId);
      }
      throw error;
    }
  }

  private async obtainOnce(subjectId: string): Promise<SubjectDataKey> {
    const record = await this.table.get(subjectId);
    if (record) {
      return this.usable(record);
    }
    const generated = await this.wrapper.generate(subjectId);
    const created: ActiveSubjectKey = {
      subjectId,
      status: 'active',
      keyRef: generated.keyRef,
      keyId: randomBytes(16).toString('base64url'),
      wrappedKey: generated.wrappedKey,
      createdAt: this.clock.now().toISOString(),
    };
    const stored = await this.store(created);
    if (stored === 'created') {
      await this.wrapper.recorded?.(subjectId, created.keyRef);
      return { keyId: created.keyId, key: generated.key };
    }
    if (stored === 'stale-epoch') {
      throw new StaleEpochError("The epoch switched while the subject's key was generated");
    }
    return this.afterLostRace(subjectId);
  }

  async findDataKey(subjectId: string): Promise<DataKeyLookup> {
    const record = await this.table.get(subjectId);
    if (!record) {
      return { status: 'absent' };
    }
    if (record.status === 'erased') {
      return { status: 'erased' };
    }
    return { status: 'active', dataKey: await this.unwrap(record) };
  }

  async status(subjectId: string): Promise<SubjectKeyStatus> {
    const record = await this.table.get(subjectId);
    return record ? record.status : 'absent';
  }

  async erase(subjectId: string): Promise<ErasureResult> {
    const erasedAt = this.clock.now().toISOString();
    const replaced = await this.table.markErased(subjectId, erasedAt);
    if (replaced !== null) {
      const keyRef = replaced?.keyRef;
      const erased: ErasedSubjectKey = {
        subjectId,
        status: 'erased',
        erasedAt,
        ...(keyRef === undefined ? {} : { keyRef }),
      };
      return await this.receipt(true, await this.retire(erased));
    }
    // Already erased: finish what an earlier, interrupted call may have left (retiring the KMS key).
    const record = await this.table.get(subjectId);
    if (record?.status !== 'erased') {
      throw new Error('SubjectKeys changed during erasure; retry');
    }
    return this.receipt(
      false,
      record.keyRetiredAt === undefined ? await this.retire(record) : record,
    );
  }

  private async receipt(erasedNow: boolean, record: ErasedSubjectKey): Promise<ErasureResult> {
    return {
      erasedNow,
      erasedAt: record.erasedAt,
      reachesBackupsBy: await this.horizon.reachedBy(record),
      backups: this.horizon.receipt,
    };
  }

  private async store(created: ActiveSubjectKey): Promise<'created' | 'exists' | 'stale-epoch'> {
    if (this.wrapper.epochGuarded) {
      return this.table.createUnderEpoch(created);
    }
    return (await this.table.create(created)) ? 'created' : 'exists';
  }

  /**
   * Another writer (or an erasure) stored a record first: use its answer. Our new master key, if it
   * is one of its own (per-subject KMS), wraps nothing; the orphan-key sweeper retires it, since
   * the functions that create keys may not disable or delete any.
   */
  private async afterLostRace(subjectId: string): Promise<SubjectDataKey> {
    const winner = await this.table.get(subjectId);
    if (!winner) {
      throw new Error('SubjectKeys record vanished after a conditional put failed');
    }
    return this.usable(winner);
  }

  private async usable(record: SubjectKeyRecord): Promise<SubjectDataKey> {
    if (record.status === 'erased') {
      throw new SubjectErasedError(record.subjectId);
    }
    return this.unwrap(record);
  }

  private async unwrap(record: ActiveSubjectKey): Promise<SubjectDataKey> {
    const key = await this.wrapper.unwrap(record.subjectId, record.keyRef, record.wrappedKey);
    return { keyId: record.keyId, key };
  }

  private async retire(record: ErasedSubjectKey): Promise<ErasedSubjectKey> {
    if (record.keyRef === undefined) {
      return record;
    }
    await this.wrapper.retire(record.keyRef);
    const keyRetiredAt = this.clock.now().toISOString();
    await this.table.markRetired(record.subjectId, keyRetiredAt);
    return { ...record, keyRetiredAt };
  }
}
