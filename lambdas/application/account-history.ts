import { revealEventData, type PersonalData } from '../crypto/index.js';
import type { Account } from '../domain/account/index.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { upcast } from '../event-store/upcasters.js';
import type { SnapshotStore, SnapshotTarget } from '../event-store/snapshots.js';
import { emptyAccount, foldEvents, usableSnapshot, type LoadedAccount } from './account-loader.js';

/** Why a history read answered nothing. */
export type HistoryError = 'account-not-found' | 'version-not-found' | 'time-before-first-event';

export interface RevealedEvent extends Omit<RecordedEvent, 'streamId'> {
  readonly accountId: string;
  readonly personalDataErased: boolean;
}

export interface StateView {
  readonly accountId: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly state: Record<string, unknown>;
}

interface TimeTravelTarget {
  readonly version?: number;
  /** Epoch milliseconds. */
  readonly at?: number;
}

/** The snapshot that may start a rebuild towards a target. */
const snapshotTarget = ({ version, at }: TimeTravelTarget): SnapshotTarget => ({
  ...(version === undefined ? {} : { version }),
  ...(at === undefined ? {} : { at: new Date(at).toISOString() }),
});

/** The owner of a stream, from its first event (AccountOpened). */
const ownerOf = (first: RecordedEvent | undefined): string | undefined => {
  const owner = first?.type === 'AccountOpened' ? first.data['ownerId'] : undefined;
  return typeof owner === 'string' ? owner : undefined;
};

/** Reads of the event store for audit and time travel; personal fields decrypted per request. */
export class AccountHistory {
  constructor(
    private readonly store: EventStore,
    private readonly personalData: PersonalData,
    private readonly snapshots?: SnapshotStore,
    /** Versions between snapshots: how many events a time-travel read takes at once. */
    private readonly snapshotEvery = 100,
  ) {}

  /** The account's opening event when `actorId` owns it: the one owner check of the history. */
  private async openedBy(
    accountId: string,
    actorId: string,
    first?: RecordedEvent,
  ): Promise<RecordedEvent | undefined> {
    const opening =
      first?.version === 1 ? first : (await this.store.load(accountId, { toVersion: 1 }))[0];
    return ownerOf(opening) === actorId ? opening : undefined;
  }

  private async reveal(event: RecordedEvent, ownerId: string): Promise<RevealedEvent> {
    const { streamId, ...rest } = event;
    const ref = { streamId, eventId: event.eventId, type: event.type, schema: event.schema };
    const { data, personalDataErased } = await revealEventData(
      this.personalData,
      ownerId,
      ref,
      event.data,
    );
    return { ...upcast({ ...rest, data }), accountId: streamId, personalDataErased };
  }

  /** A page of the raw history, from `fromVersion`, with the next page's first version. */
  async events(
    accountId: string,
    actorId: string,
    page: { fromVersion: number; limit: number },
  ): Promise<{ events: RevealedEvent[]; nextFromVersion?: number } | HistoryError> {
    const events = await this.store.load(accountId, {
      fromVersion: page.fromVersion,
      limit: page.limit + 1,
    });
    if (!(await this.openedBy(accountId, actorId, events[0]))) {
      return 'account-not-found';
    }
    const shown = events.slice(0, page.limit);
    const revealed = await Promise.all(shown.map((event) => this.reveal(event, actorId)));
    const next = events[page.limit]?.version;
    return next === undefined ? { events: revealed } : { events: revealed, nextFromVersion: next };
  }

  /**
   * The state at a version or a time (the latest when neither is given), strongly consistent from
   * the event store; a snapshot is used only when it is not past the target.
   */
  async state(
    accountId: string,
    actorId: string,
    target: { version?: number; at?: string },
  ): Promise<StateView | HistoryError> {
    const opening = await this.openedBy(accountId, actorId);
    if (!opening) {
      return 'account-not-found';
    }
    const limit: TimeTravelTarget = {
      ...(target.version === undefined ? {} : { version: target.version }),
      ...(target.at === undefined ? {} : { at: Date.parse(target.at) }),
    };
    const folded = await this.rebuild(accountId, limit);
    if (folded.occurredAt === undefined) {
      return 'time-before-first-event';
    }
    if (limit.version !== undefined && folded.version !== limit.version) {
      return 'version-not-found';
    }
    return {
      accountId,
      version: folded.version,
      occurredAt: folded.occurredAt,
      state: await this.stateView(folded.state, opening, actorId),
    };
  }

  /**
   * Folds the events up to the target onto the latest snapshot that is not past it (ADR 0100): one
   * snapshot read, then the events after it, which are fewer than SNAPSHOT_EVERY while every
   * snapshot was written.
   */
  private async rebuild(accountId: string, limit: TimeTravelTarget): Promise<LoadedAccount> {
    const snapshot = await this.snapshots?.get(accountId, snapshotTarget(limit));
    const start = usableSnapshot(snapshot, limit) ?? emptyAccount;
    if (limit.at !== undefined) {
      return this.foldUntil(accountId, start, limit.at);
    }
    if (limit.version !== undefined && start.version >= limit.version) {
      return start;
    }
    const events = await this.store.load(accountId, {
      fromVersion: start.version + 1,
      ...(limit.version === undefined ? {} : { toVersion: limit.version }),
    });
    return foldEvents(start, events);
  }

  /**
   * Folds the events after `start` that occurred at or before `at`, reading SNAPSHOT_EVERY at a time
   * until the first later one. Event times never go back within an account (the service makes them
   * monotonic), so the first later event ends the search.
   */
  private async foldUntil(accountId: string, start: LoadedAccount, at: number) {
    let folded = start;
    for (;;) {
      const chunk = await this.store.load(accountId, {
        fromVersion: folded.version + 1,
        limit: this.snapshotEvery,
      });
      const later = chunk.findIndex((event) => Date.parse(event.occurredAt) > at);
      folded = foldEvents(folded, later === -1 ? chunk : chunk.slice(0, later));
      if (later !== -1 || chunk.length < this.snapshotEvery) {
        return folded;
      }
    }
  }

  private async stateView(state: Account, opening: RecordedEvent | undefined, ownerId: string) {
    if (state.status === 'none' || !opening) {
      return { status: state.status };
    }
    const { transfers: _, ...view } = state;
    const { data, personalDataErased } = await this.reveal(opening, ownerId);
    return {
      ...view,
      holderName: data['holderName'] ?? null,
      personalDataErased: view.personalDataErased || personalDataErased,
    };
  }
}
