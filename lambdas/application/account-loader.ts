import { evolve, initialState, STATE_SCHEMA, type Account } from '../domain/account/index.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.js';
import type { Snapshot, SnapshotStore } from '../event-store/snapshots.js';
import { toDomainEvent } from './event-codec.js';

/** An account's state as of a version, and when that version was recorded. */
export interface LoadedAccount {
  readonly state: Account;
  readonly version: number;
  readonly occurredAt: string | undefined;
  /** Version of the usable snapshot this state was built on (0 when none). */
  readonly snapshotVersion: number;
}

export const emptyAccount: LoadedAccount = {
  state: initialState(),
  version: 0,
  occurredAt: undefined,
  snapshotVersion: 0,
};

/** Evolves a state by events (a plain loop: loads of long streams run it a lot). */
const evolveAll = (start: Account, events: readonly NewEvent[]): Account => {
  let state = start;
  for (const event of events) {
    state = evolve(state, toDomainEvent(event));
  }
  return state;
};

/** Folds recorded events onto a starting point. */
export const foldEvents = (
  start: LoadedAccount,
  events: readonly RecordedEvent[],
): LoadedAccount => {
  const last = events.at(-1);
  if (!last) {
    return start;
  }
  return {
    state: evolveAll(start.state, events),
    version: last.version,
    occurredAt: last.occurredAt,
    snapshotVersion: start.snapshotVersion,
  };
};

/**
 * The account once `events` are appended after `start`: the store numbers them from
 * `start.version + 1` (it alone gives versions, so they are not given here).
 */
export const foldAppended = (start: LoadedAccount, events: readonly NewEvent[]): LoadedAccount => {
  const last = events.at(-1);
  if (!last) {
    return start;
  }
  return {
    state: evolveAll(start.state, events),
    version: start.version + events.length,
    occurredAt: last.occurredAt,
    snapshotVersion: start.snapshotVersion,
  };
};

/** A snapshot the code can use as a starting point: of the current state shape, and not past `limit`. */
export const usableSnapshot = (
  snapshot: Snapshot | undefined,
  limit: { version?: number; at?: number } = {},
): LoadedAccount | undefined => {
  if (!snapshot || snapshot.stateSchema !== STATE_SCHEMA) {
    return undefined;
  }
  if (limit.version !== undefined && snapshot.version > limit.version) {
    return undefined;
  }
  if (limit.at !== undefined && Date.parse(snapshot.occurredAt) > limit.at) {
    return undefined;
  }
  return {
    state: snapshot.state as unknown as Account,
    version: snapshot.version,
    occurredAt: snapshot.occurredAt,
    snapshotVersion: snapshot.version,
  };
};

/**
 * Loads the latest state of an account, strongly consistent: the latest usable snapshot, then only
 * the events after it.
 */
export const loadAccount = async (
  store: EventStore,
  accountId: string,
  snapshots?: SnapshotStore,
): Promise<LoadedAccount> => {
  const start = usableSnapshot(await snapshots?.get(accountId)) ?? emptyAccount;
  return foldEvents(start, await store.load(accountId, { fromVersion: start.version + 1 }));
};
