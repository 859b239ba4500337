import { systemActor } from '../domain/system-actor.js';
import type { CommandLog } from '../event-store/command-log.js';
import type { EventStore } from '../event-store/event-store.js';
import type { SnapshotStore } from '../event-store/snapshots.js';
import { retrying, type Retries } from '../retries.js';
import { loadAccount } from './account-loader.js';
import type { AccountService } from './account-service.js';
import { heldBy, type HeldAccount } from './erasure-money.js';

/** The erasure acts as the system: it also finishes erasures no user is waiting for. */
const erasureFlow = systemActor('erasure');

/** Loads and pinned appends per account before an account that keeps changing is left for later. */
const ACCOUNT_ATTEMPTS = 5;

/** An account changed under every pinned attempt; the erasure stays started and is resumed. */
export class ErasureInterruptedError extends Error {
  override readonly name = 'ErasureInterruptedError';
}

/** One pinned append lost to a change of the account: it is checked again. */
class AccountChangedError extends ErasureInterruptedError {
  constructor() {
    super('an account kept changing during its erasure');
  }
}

const accountChanges: Retries = {
  delaysMs: Array.from({ length: ACCOUNT_ATTEMPTS - 1 }, () => 0),
  retryable: (error) => error instanceof AccountChangedError,
};

/** What the erasure of one account reads and writes. */
export interface AccountErasureDeps {
  readonly service: AccountService;
  readonly store: EventStore;
  readonly commandLog: CommandLog;
  readonly snapshots: SnapshotStore;
}

/** Which erasure erases which account, for which request. */
export interface AccountErasure {
  readonly subjectId: string;
  readonly accountId: string;
  readonly erasureId: string;
  readonly requestId: string;
}

/** An account as it is now: its version, and what it holds when it is not empty (ADR 0097). */
const checked = async (deps: AccountErasureDeps, accountId: string) => {
  const { state, version } = await loadAccount(deps.store, accountId, deps.snapshots);
  return { version, held: await heldBy(deps.commandLog, accountId, state) };
};

/** The accounts that still hold money or have money on its way back (ADR 0097). */
export const heldAccounts = async (
  deps: AccountErasureDeps,
  accounts: readonly string[],
): Promise<HeldAccount[]> => {
  const found = await Promise.all(accounts.map(async (id) => (await checked(deps, id)).held));
  return found.filter((account) => account !== undefined);
};

const eraseOnce = async (
  deps: AccountErasureDeps,
  { subjectId, accountId, erasureId, requestId }: AccountErasure,
): Promise<HeldAccount | undefined> => {
  const { version, held } = await checked(deps, accountId);
  if (held) {
    return held;
  }
  const outcome = await deps.service.execute(
    accountId,
    { type: 'ErasePersonalData', actor: erasureFlow, data: { erasureId, subjectId } },
    { requestId, causationId: erasureId, correlationId: erasureId, expectedVersion: version },
  );
  if (outcome.ok) {
    await deps.snapshots.delete(accountId);
    return undefined;
  }
  if (outcome.error.code !== 'version-mismatch') {
    throw new ErasureInterruptedError(`erasure of an account refused: ${outcome.error.code}`);
  }
  throw new AccountChangedError();
};

/**
 * Erases one account at the version it was found empty at: money that arrives after the check
 * moves the version, so the append is refused and the account is checked again, five times at the
 * most. Answers the account when it holds money (nothing is written then).
 */
export const eraseAccount = (
  deps: AccountErasureDeps,
  erasure: AccountErasure,
): Promise<HeldAccount | undefined> => retrying(() => eraseOnce(deps, erasure), accountChanges);
