import type { EpochKeys } from './epoch-keys.js';
import type { EpochRecord, KeyEpochsTable } from './key-epochs.js';

const DAY_MS = 86_400_000;

/** Epoch length when none is configured (`-c keyEpochDays=…` on the stack). */
export const DEFAULT_EPOCH_DAYS = 30;

export interface EpochRotationOptions {
  readonly periodDays?: number;
  readonly now?: () => Date;
  /** Items per scan page of the sweep. */
  readonly pageSize?: number;
  /** Milliseconds this run may still take (Lambda's remaining time less a margin). */
  readonly timeLeftMs?: () => number;
}

/** What one run did; `finished` is false when it ran out of time (the next run resumes). */
export interface RotationSummary {
  readonly epoch: number;
  readonly rotated: boolean;
  readonly rewrapped: number;
  readonly destroyed: boolean;
  readonly finished: boolean;
}

/**
 * `kms-epoch` rotation. When the current epoch is older than its period: create the next epoch
 * key and make it current (conditionally: of two rotations started together one wins, the other
 * destroys the key it made). Then sweep SubjectKeys until a full pass finds no live subject under
 * the old key, rewrapping each with the key service (the plaintext data key never leaves it), and
 * only then destroy the old key. Erased subjects hold no wrapped key and are never rewrapped.
 */
export class EpochRotation {
  private readonly periodDays: number;
  private readonly now: () => Date;

  constructor(
    private readonly table: KeyEpochsTable,
    private readonly keys: EpochKeys,
    private readonly options: EpochRotationOptions = {},
  ) {
    this.periodDays = options.periodDays ?? DEFAULT_EPOCH_DAYS;
    this.now = options.now ?? (() => new Date());
  }

  /** The current epoch, creating epoch 1 on first use. */
  async current(): Promise<EpochRecord> {
    const found = await this.table.current();
    if (found) {
      return found;
    }
    const first = { epoch: 1, keyRef: await this.keys.createKey(1), startedAt: this.iso() };
    if (await this.table.begin(first)) {
      return first;
    }
    await this.keys.destroy(first.keyRef);
    return this.required();
  }

  /** When the current epoch's key is due to be replaced. */
  rotatesAt(record: EpochRecord): string {
    return new Date(Date.parse(record.startedAt) + this.periodDays * DAY_MS).toISOString();
  }

  /** One scheduled run: rotate when due (or `force`), then finish what a rotation left. */
  async run(force = false): Promise<RotationSummary> {
    const { record, rotated } = await this.rotateIfDue(force);
    const done = { epoch: record.epoch, rotated, rewrapped: 0, destroyed: false, finished: true };
    const previous = record.previous;
    if (!previous || previous.destroyedBy !== undefined) {
      return done;
    }
    const { rewrapped, clean } = await this.sweep(previous.keyRef, record.keyRef);
    if (!clean) {
      return { ...done, rewrapped, finished: false };
    }
    const destroyedBy = await this.keys.destroy(previous.keyRef);
    await this.table.markDestroyed(record, destroyedBy);
    return { ...done, rewrapped, destroyed: true };
  }

  /** A rotation still sweeping is finished first: there is at most one old key at a time. */
  private async rotateIfDue(force: boolean): Promise<{ record: EpochRecord; rotated: boolean }> {
    const record = await this.current();
    const pending = record.previous !== undefined && record.previous.destroyedBy === undefined;
    if (pending || (!force && this.rotatesAt(record) > this.iso())) {
      return { record, rotated: false };
    }
    const advanced = await this.advance(record);
    return advanced
      ? { record: advanced, rotated: true }
      : { record: await this.required(), rotated: false };
  }

  private async advance(from: EpochRecord): Promise<EpochRecord | undefined> {
    const epoch = from.epoch + 1;
    const next: EpochRecord = {
      epoch,
      keyRef: await this.keys.createKey(epoch),
      startedAt: this.iso(),
      previous: { keyRef: from.keyRef },
    };
    if (await this.table.advance(from, next)) {
      return next;
    }
    // Another rotation won: its key is current, and ours wraps nothing.
    await this.keys.destroy(next.keyRef);
    return undefined;
  }

  /**
   * Rewraps every live subject still under `from`, in passes over the table, until one full pass
   * finds none (the epoch guard on creation keeps new subjects off `from` once it is not current).
   */
  private async sweep(from: string, to: string): Promise<{ rewrapped: number; clean: boolean }> {
    let rewrapped = 0;
    for (;;) {
      const pass = await this.pass(from, to);
      rewrapped += pass.rewrapped;
      if (pass.found === undefined) {
        return { rewrapped, clean: false };
      }
      if (pass.found === 0) {
        return { rewrapped, clean: true };
      }
    }
  }

  /** One pass over the table; `found` is undefined when the run ran out of time during it. */
  private async pass(from: string, to: string): Promise<{ found?: number; rewrapped: number }> {
    let found = 0;
    let rewrapped = 0;
    let start: Record<string, unknown> | undefined;
    do {
      if ((this.options.timeLeftMs?.() ?? Infinity) <= 0) {
        return { rewrapped };
      }
      const page = await this.table.liveUnder(from, start, this.options.pageSize);
      found += page.items.length;
      for (const item of page.items) {
        const wrapped = await this.keys.rewrap(from, to, item.subjectId, item.wrappedKey);
        rewrapped += (await this.table.rewrapped(item, to, wrapped)) ? 1 : 0;
      }
      start = page.next;
    } while (start);
    return { found, rewrapped };
  }

  private async required(): Promise<EpochRecord> {
    const record = await this.table.current();
    if (!record) {
      throw new Error('The epoch record vanished');
    }
    return record;
  }

  private iso(): string {
    return this.now().toISOString();
  }
}
