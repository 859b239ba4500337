import { systemClock, type Clock } from '../application/ports.js';
import type { EpochKeys } from './epoch-keys.js';
import { sweepUnder } from './epoch-sweep.js';
import type { EpochRecord, KeyEpochsTable } from './key-epochs.js';

const DAY_MS = 86_400_000;

/** Epoch length when none is configured (`-c keyRotationDays=…` on the stack). */
export const DEFAULT_EPOCH_DAYS = 30;

export interface EpochRotationOptions {
  readonly periodDays?: number;
  readonly clock?: Clock;
  /** Items per scan page of the sweep. */
  readonly pageSize?: number;
  /** Milliseconds this run may still take (Lambda's remaining time less a margin). */
  readonly timeLeftMs?: () => number;
  /**
   * How long a next epoch key waits between its creation and the switch to it (0: switch in the
   * same run). On AWS its tags must first take effect for authorization (up to five minutes).
   */
  readonly settleMs?: number;
  /** The first epoch's key when the deployment created it (the stack does); else it is created. */
  readonly firstKeyRef?: string;
}

/** What one run did; `finished` is false when it ran out of time (the next run resumes). */
export interface RotationSummary {
  readonly epoch: number;
  readonly rotated: boolean;
  readonly rewrapped: number;
  readonly destroyed: boolean;
  readonly finished: boolean;
  /** The next key exists but is still settling: a later run switches to it. */
  readonly settling?: boolean;
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
  private readonly clock: Clock;

  constructor(
    private readonly table: KeyEpochsTable,
    private readonly keys: EpochKeys,
    private readonly options: EpochRotationOptions = {},
  ) {
    this.periodDays = options.periodDays ?? DEFAULT_EPOCH_DAYS;
    this.clock = options.clock ?? systemClock;
  }

  /** The current epoch, creating epoch 1 on first use. */
  async current(): Promise<EpochRecord> {
    const found = await this.table.current();
    if (found) {
      return found;
    }
    const given = this.options.firstKeyRef;
    const first = {
      epoch: 1,
      keyRef: given ?? (await this.keys.createKey(1)),
      startedAt: this.iso(),
    };
    if (await this.table.begin(first)) {
      return first;
    }
    if (given === undefined) {
      await this.keys.destroy(first.keyRef);
    }
    return this.required();
  }

  /** When the current epoch's key is due to be replaced. */
  rotatesAt(record: EpochRecord): string {
    return new Date(Date.parse(record.startedAt) + this.periodDays * DAY_MS).toISOString();
  }

  /** One scheduled run: rotate when due (or `force`), then finish what a rotation left. */
  async run(force = false): Promise<RotationSummary> {
    const { record, rotated, settling } = await this.rotateIfDue(force);
    const done = { epoch: record.epoch, rotated, rewrapped: 0, destroyed: false, finished: true };
    const previous = record.previous;
    if (settling) {
      return { ...done, finished: false, settling };
    }
    if (!previous || previous.destroyedBy !== undefined) {
      return done;
    }
    const keyRefs = { from: previous.keyRef, to: record.keyRef };
    const { rewrapped, clean } = await sweepUnder(this.table, this.keys, keyRefs, this.options);
    if (!clean) {
      return { ...done, rewrapped, finished: false };
    }
    const destroyedBy = await this.keys.destroy(previous.keyRef);
    await this.table.markDestroyed(record, destroyedBy);
    return { ...done, rewrapped, destroyed: true };
  }

  /** A rotation still sweeping is finished first: there is at most one old key at a time. */
  private async rotateIfDue(
    force: boolean,
  ): Promise<{ record: EpochRecord; rotated: boolean; settling?: boolean }> {
    const record = await this.current();
    const pending = record.previous !== undefined && record.previous.destroyedBy === undefined;
    if (pending || (!force && this.rotatesAt(record) > this.iso())) {
      return { record, rotated: false };
    }
    return this.switchWhenSettled(record);
  }

  /** Names the next key if none is, and switches to it once its tags have settled. */
  private async switchWhenSettled(
    record: EpochRecord,
  ): Promise<{ record: EpochRecord; rotated: boolean; settling?: boolean }> {
    const next = record.next ?? (await this.prepare(record));
    if (!next) {
      return { record: await this.required(), rotated: false };
    }
    if (Date.parse(next.createdAt) + (this.options.settleMs ?? 0) > this.clock.now().getTime()) {
      return { record, rotated: false, settling: true };
    }
    const advanced = await this.advance(record, next.keyRef);
    return advanced
      ? { record: advanced, rotated: true }
      : { record: await this.required(), rotated: false };
  }

  /** Creates the next epoch's key and names it; of two runs one names its key, the other's goes. */
  private async prepare(from: EpochRecord): Promise<EpochRecord['next']> {
    const next = { keyRef: await this.keys.createKey(from.epoch + 1), createdAt: this.iso() };
    if (await this.table.prepare(from, next)) {
      return next;
    }
    // Another run named its key first (or the epoch moved on): ours wraps nothing.
    await this.keys.destroy(next.keyRef);
    const now = await this.required();
    return now.epoch === from.epoch ? now.next : undefined;
  }

  /** Switches to the named next key, conditionally on the epoch read (a lost race answers none). */
  private async advance(from: EpochRecord, keyRef: string): Promise<EpochRecord | undefined> {
    const next: EpochRecord = {
      epoch: from.epoch + 1,
      keyRef,
      startedAt: this.iso(),
      previous: { keyRef: from.keyRef },
    };
    return (await this.table.advance(from, next)) ? next : undefined;
  }

  private async required(): Promise<EpochRecord> {
    const record = await this.table.current();
    if (!record) {
      throw new Error('The epoch record vanished');
    }
    return record;
  }

  private iso(): string {
    return this.clock.now().toISOString();
  }
}
