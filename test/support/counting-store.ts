import type { AlreadyRecorded } from '../../lambdas/event-store/command-log.js';
import type {
  AppendRequest,
  EventStore,
  RecordedEvent,
  VersionRange,
} from '../../lambdas/event-store/event-store.js';
import type { Snapshot, SnapshotStore } from '../../lambdas/event-store/snapshots.js';

/** Wraps an EventStore and counts its calls and the events it returned: reads, not time. */
export class CountingStore implements EventStore {
  loads = 0;
  eventsRead = 0;
  appends = 0;
  /** Runs before each append (tests use it to inject a racing writer). */
  beforeAppend: ((request: AppendRequest) => Promise<void>) | undefined;

  constructor(readonly inner: EventStore) {}

  async load(streamId: string, range?: VersionRange): Promise<RecordedEvent[]> {
    this.loads += 1;
    const events = await this.inner.load(streamId, range);
    this.eventsRead += events.length;
    return events;
  }

  async append(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded> {
    this.appends += 1;
    await this.beforeAppend?.(request);
    return this.inner.append(request);
  }

  reset(): void {
    this.loads = 0;
    this.eventsRead = 0;
    this.appends = 0;
  }
}

/** Wraps a SnapshotStore and counts its reads. */
export class CountingSnapshotStore implements SnapshotStore {
  reads = 0;

  constructor(readonly inner: SnapshotStore) {}

  get(...args: Parameters<SnapshotStore['get']>): Promise<Snapshot | undefined> {
    this.reads += 1;
    return this.inner.get(...args);
  }

  put(snapshot: Snapshot): Promise<void> {
    return this.inner.put(snapshot);
  }

  delete(accountId: string): Promise<void> {
    return this.inner.delete(accountId);
  }
}
