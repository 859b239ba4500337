import type { PersonalData } from '../crypto/index.js';
import { systemActor } from '../domain/system-actor.js';
import type { OwnerRegistry } from '../event-store/owners.js';
import type { SnapshotStore } from '../event-store/snapshots.js';
import type { AccountService } from './account-service.js';
import type { ErasureAudit, ErasureRecord } from './erasure-audit.js';
import type { Clock, IdGenerator } from './ports.js';

/** The erasure acts as the system: it also finishes erasures no user is waiting for. */
const erasureFlow = systemActor('erasure');

export interface ErasureOutcome {
  readonly erasureId: string;
  readonly status: 'completed';
  readonly accounts: readonly string[];
  readonly requestedAt: string;
  readonly completedAt: string;
}

export interface ErasureDeps {
  readonly personalData: PersonalData;
  readonly service: AccountService;
  readonly snapshots: SnapshotStore;
  readonly audit: ErasureAudit;
  /** The subject's accounts, registered with each opening (never a read model), and the seal. */
  readonly owners: OwnerRegistry;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const outcomeOf = (record: ErasureRecord): ErasureOutcome => ({
  erasureId: record.erasureId,
  status: 'completed',
  accounts: record.accounts ?? [],
  requestedAt: record.requestedAt,
  completedAt: record.completedAt ?? record.requestedAt,
});

/**
 * GDPR erasure by crypto-shredding: shred the subject's key, then record PersonalDataErased on (and
 * close) each of its accounts, drop their snapshots, and complete an audit record. Every step is
 * idempotent, so a retry after a crash finishes the job, and a later call answers the same result.
 */
export class ErasureService {
  constructor(private readonly deps: ErasureDeps) {}

  async erase(subjectId: string, requestId: string): Promise<ErasureOutcome> {
    const previous = await this.deps.audit.get(subjectId);
    if (previous?.status === 'completed') {
      return outcomeOf(previous);
    }
    const started = await this.deps.audit.start({
      subjectId,
      erasureId: this.deps.ids.next(),
      status: 'started',
      requestedAt: this.deps.clock.now().toISOString(),
    });
    // Sealed first: no account can be opened for the subject from here on, so the list below is
    // complete. Then the key: from here on nothing personal of the subject can be read or written.
    await this.deps.owners.seal(subjectId, started.requestedAt);
    await this.deps.personalData.erase(subjectId);
    const accounts = await this.deps.owners.streamsOf(subjectId);
    for (const accountId of accounts) {
      await this.eraseAccount(subjectId, accountId, started.erasureId, requestId);
    }
    const completedAt = this.deps.clock.now().toISOString();
    return outcomeOf(await this.deps.audit.complete(subjectId, accounts, completedAt));
  }

  private async eraseAccount(
    subjectId: string,
    accountId: string,
    erasureId: string,
    requestId: string,
  ) {
    const outcome = await this.deps.service.execute(
      accountId,
      { type: 'ErasePersonalData', actor: erasureFlow, data: { erasureId, subjectId } },
      { requestId, causationId: erasureId, correlationId: erasureId },
    );
    if (!outcome.ok) {
      throw new Error(`Erasure of account ${accountId} was refused: ${outcome.error.code}`);
    }
    await this.deps.snapshots.delete(accountId);
  }
}
