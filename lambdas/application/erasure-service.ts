import type { BackupReceipt, PersonalData } from '../crypto/index.js';
import type { OwnerRegistry } from '../event-store/owners.js';
import { eraseAccount, heldAccounts, type AccountErasureDeps } from './erasure-accounts.js';
import {
  receiptOf,
  storedReceipt,
  type ErasureAudit,
  type ErasureRecord,
  type KeyReceipt,
} from './erasure-audit.js';
import type { HeldAccount } from './erasure-money.js';
import type { Clock, IdGenerator, UserDirectory } from './ports.js';

export { ErasureInterruptedError } from './erasure-accounts.js';

export interface ErasureOutcome {
  readonly erasureId: string;
  readonly status: 'completed';
  readonly accounts: readonly string[];
  readonly requestedAt: string;
  readonly completedAt: string;
  /** When the subject's wrapped data key was deleted: no live copy of it remains. */
  readonly keyDestroyedAt: string;
  /** By when no backup, export or PITR copy can yield the key (per the key strategy). */
  readonly reachesBackupsBy: string;
  readonly backups: BackupReceipt;
}

/** What a call did: the erasure completed, or it waits for accounts that still hold money. */
export type ErasureAnswer =
  | { readonly done: true; readonly outcome: ErasureOutcome }
  | {
      readonly done: false;
      readonly held: readonly HeldAccount[];
      /** Whether the erasure had started (key shredded); false: nothing was written. */
      readonly started: boolean;
    };

/** What one sweep of unfinished erasures did, in counts (no ids: they go to no log line). */
export interface ResumeSummary {
  readonly found: number;
  readonly completed: number;
  readonly held: number;
  readonly failed: number;
}

export interface ErasureDeps extends AccountErasureDeps {
  readonly personalData: PersonalData;
  readonly audit: ErasureAudit;
  /** The subject's accounts, registered with each opening (never a read model), and the seal. */
  readonly owners: OwnerRegistry;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The subject's user at the identity provider, when the stack owns it; deleted last. */
  readonly users?: UserDirectory;
}

const outcomeOf = (record: ErasureRecord, receipt: KeyReceipt): ErasureOutcome => ({
  erasureId: record.erasureId,
  status: 'completed',
  accounts: record.accounts ?? [],
  requestedAt: record.requestedAt,
  completedAt: record.completedAt ?? record.requestedAt,
  ...receipt,
});

/**
 * GDPR erasure by crypto-shredding. Refused, writing nothing, while an account holds money or has
 * money on its way back (ADR 0097). Otherwise: start the audit record, seal the owner, shred the
 * key, then record PersonalDataErased on (and close) each account at the version its emptiness
 * was checked at, drop its snapshot, and complete the record. Every step is idempotent and the
 * record says what is unfinished, so the next call or the resumer finishes a crashed erasure.
 */
export class ErasureService {
  constructor(private readonly deps: ErasureDeps) {}

  async erase(subjectId: string, requestId: string): Promise<ErasureAnswer> {
    const previous = await this.deps.audit.get(subjectId);
    if (previous?.status === 'completed') {
      // A record completed before receipts existed: the key store answers again (idempotent).
      const receipt =
        storedReceipt(previous) ?? receiptOf(await this.deps.personalData.erase(subjectId));
      return { done: true, outcome: outcomeOf(previous, receipt) };
    }
    if (!previous) {
      const held = await heldAccounts(this.deps, await this.deps.owners.streamsOf(subjectId));
      if (held.length > 0) {
        return { done: false, held, started: false };
      }
    }
    const started =
      previous ??
      (await this.deps.audit.start({
        subjectId,
        erasureId: this.deps.ids.next(),
        status: 'started',
        requestedAt: this.deps.clock.now().toISOString(),
      }));
    return this.finish(started, requestId);
  }

  /** Finishes every started erasure (the scheduled resumer); one failure does not stop the rest. */
  async resumeUnfinished(requestId: string): Promise<ResumeSummary> {
    const unfinished = await this.deps.audit.unfinished();
    const answers = await Promise.allSettled(
      unfinished.map((record) => this.finish(record, requestId)),
    );
    const count = (test: (answer: PromiseSettledResult<ErasureAnswer>) => boolean) =>
      answers.filter(test).length;
    return {
      found: unfinished.length,
      completed: count((answer) => answer.status === 'fulfilled' && answer.value.done),
      held: count((answer) => answer.status === 'fulfilled' && !answer.value.done),
      failed: count((answer) => answer.status === 'rejected'),
    };
  }

  private async finish(started: ErasureRecord, requestId: string): Promise<ErasureAnswer> {
    const { subjectId, erasureId } = started;
    // Sealed first: no account can be opened for the subject from here on, so the list below is
    // complete. Then the key: from here on nothing personal of the subject can be read or written.
    await this.deps.owners.seal(subjectId, started.requestedAt);
    const receipt = receiptOf(await this.deps.personalData.erase(subjectId));
    const accounts = await this.deps.owners.streamsOf(subjectId);
    const held: HeldAccount[] = [];
    for (const accountId of accounts) {
      const still = await eraseAccount(this.deps, { subjectId, accountId, erasureId, requestId });
      held.push(...(still ? [still] : []));
    }
    if (held.length > 0) {
      // The user keeps their login until the money is out: they must be able to withdraw it.
      return { done: false, held, started: true };
    }
    await this.deps.users?.deleteUser(subjectId);
    const completedAt = this.deps.clock.now().toISOString();
    const record = await this.deps.audit.complete(subjectId, accounts, completedAt, receipt);
    // A call that lost the race to complete answers the winner's receipt, as stored.
    return { done: true, outcome: outcomeOf(record, storedReceipt(record) ?? receipt) };
  }
}
