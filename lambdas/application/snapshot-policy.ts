import { STATE_SCHEMA } from '../domain/account/index.js';
import type { SnapshotStore } from '../event-store/snapshots.js';
import type { LoadedAccount } from './account-loader.js';
import type { Clock } from './ports.js';

/** When and where to snapshot: every `every` events after an append (0: never). */
export interface SnapshotPolicy {
  readonly clock: Clock;
  readonly snapshots?: { readonly store: SnapshotStore; readonly every: number };
}

/**
 * Writes a snapshot of `next` when `every` events have passed since the last one, and answers the
 * account with its new snapshot version. Best-effort: a failed snapshot write is ignored and
 * retried after the next append.
 */
export const snapshotIfDue = async (
  { clock, snapshots }: SnapshotPolicy,
  accountId: string,
  next: LoadedAccount,
): Promise<LoadedAccount> => {
  if (
    !snapshots ||
    snapshots.every === 0 ||
    next.version - next.snapshotVersion < snapshots.every
  ) {
    return next;
  }
  try {
    await snapshots.store.put({
      accountId,
      version: next.version,
      stateSchema: STATE_SCHEMA,
      state: next.state as unknown as Record<string, unknown>,
      occurredAt: next.occurredAt ?? clock.now().toISOString(),
      takenAt: clock.now().toISOString(),
    });
    return { ...next, snapshotVersion: next.version };
  } catch {
    return next;
  }
};
