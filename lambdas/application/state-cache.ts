import type { LoadedAccount } from './account-loader.js';

export type CachedState = LoadedAccount;

/**
 * A bounded LRU of each account's latest state and version, per Lambda container. A command on a
 * warm container then costs one conditional write; a conflict proves the entry stale and drops it.
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(private readonly capacity: number) {}

  get(accountId: string): CachedState | undefined {
    const entry = this.entries.get(accountId);
    if (entry) {
      // Re-inserting moves the entry to the young end of the Map's insertion order.
      this.entries.delete(accountId);
      this.entries.set(accountId, entry);
    }
    return entry;
  }

  set(accountId: string, entry: CachedState): void {
    if (this.capacity === 0) {
      return;
    }
    this.entries.delete(accountId);
    this.entries.set(accountId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
      }
    }
  }

  drop(accountId: string): void {
    this.entries.delete(accountId);
  }

  get size(): number {
    return this.entries.size;
  }
}
