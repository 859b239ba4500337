import type {
  Snapshot,
  SnapshotStore,
  SnapshotTarget,
} from '../../lambdas/event-store/snapshots.js';

/** A test fake: the DynamoDB snapshot store's semantics in memory, for unit tests. */
export class InMemorySnapshotStore implements SnapshotStore {
  readonly items = new Map<string, Snapshot[]>();

  get(accountId: string, { version, at }: SnapshotTarget = {}): Promise<Snapshot | undefined> {
    const limit = at === undefined ? undefined : Date.parse(at);
    const found = (this.items.get(accountId) ?? [])
      .filter((s) => version === undefined || s.version <= version)
      .filter((s) => limit === undefined || Date.parse(s.occurredAt) <= limit)
      .at(-1);
    return Promise.resolve(structuredClone(found));
  }

  put(snapshot: Snapshot): Promise<void> {
    const kept = this.items.get(snapshot.accountId) ?? [];
    const same = kept.find((s) => s.version === snapshot.version);
    if (!same || same.stateSchema !== snapshot.stateSchema) {
      const others = kept.filter((s) => s.version !== snapshot.version);
      const all = [...others, structuredClone(snapshot)].sort((a, b) => a.version - b.version);
      this.items.set(snapshot.accountId, all);
    }
    return Promise.resolve();
  }

  delete(accountId: string): Promise<void> {
    this.items.delete(accountId);
    return Promise.resolve();
  }
}
