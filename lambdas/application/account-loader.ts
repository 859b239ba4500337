import { evolve, initialState, type Account } from '../domain/account/index.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { toDomainEvent } from './event-codec.js';

/** An account's state as of a version, and when that version was recorded. */
export interface LoadedAccount {
  readonly state: Account;
  readonly version: number;
  readonly occurredAt: string | undefined;
}

export const emptyAccount: LoadedAccount = {
  state: initialState(),
  version: 0,
  occurredAt: undefined,
};

/** Folds recorded events onto a starting point. */
export const foldEvents = (start: LoadedAccount, events: readonly RecordedEvent[]): LoadedAccount =>
  events.reduce<LoadedAccount>(
    (loaded, event) => ({
      state: evolve(loaded.state, toDomainEvent(event)),
      version: event.version,
      occurredAt: event.occurredAt,
    }),
    start,
  );

/** Loads the latest state of an account from the event store (strongly consistent). */
export const loadAccount = async (store: EventStore, accountId: string): Promise<LoadedAccount> =>
  foldEvents(emptyAccount, await store.load(accountId));
