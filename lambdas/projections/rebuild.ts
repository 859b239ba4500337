import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../event-store/event-store.js';
import { UnreadableEventError, upcast } from '../event-store/upcasters.js';
import { segmentsToScan } from './rebuild-segments.js';
import { retrying } from '../retries.js';

/** Applies one account's events (upcast, in version order) to a read model; must be idempotent. */
export type AccountApplier = (accountId: string, events: readonly RecordedEvent[]) => Promise<void>;

/** Reads the Events table as a parallel scan: the pages of one segment, in scan order. */
export interface EventScan {
  segment(segment: number, totalSegments: number): AsyncIterable<readonly RecordedEvent[]>;
}

/** How far a rebuild has come (events and accounts applied); reported after every apply. */
export interface RebuildProgress {
  readonly events: number;
  readonly accounts: number;
  readonly segmentsDone: number;
  readonly segments: number;
}

export interface RebuildOptions {
  /** Parallel scan segments (default 4). */
  readonly totalSegments?: number;
  /** Scan only these segments (default all): lets several workers share one rebuild. */
  readonly segments?: readonly number[];
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Stops the rebuild between accounts; it can be run again from the start (writers are idempotent). */
  readonly signal?: AbortSignal;
  /** An account with more events than this is applied in ordered chunks (bounds memory). */
  readonly chunkSize?: number;
  /** Tries per account run before the rebuild fails (default 3); appliers are idempotent. */
  readonly attempts?: number;
}

/** What a finished rebuild did. */
export interface RebuildResult {
  readonly events: number;
  readonly accounts: number;
}

export const DEFAULT_SEGMENTS = 4;
const DEFAULT_CHUNK = 1_000;
const DEFAULT_ATTEMPTS = 3;

interface Run {
  readonly accountId: string;
  events: RecordedEvent[];
}

// Names the account and version of an event the code cannot read, so the operator can find it.
const readable = (event: RecordedEvent): RecordedEvent => {
  try {
    return upcast(event);
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) {
      throw error;
    }
    throw new UnreadableEventError(
      `Account ${event.streamId} version ${event.version}: ${error.message}`,
      { cause: error },
    );
  }
};

class Rebuild {
  private events = 0;
  private accounts = 0;
  private segmentsDone = 0;
  // Aborted by the caller's signal or by the first failing segment, so the others stop too.
  private readonly stop = new AbortController();

  constructor(
    private readonly scan: EventScan,
    private readonly apply: AccountApplier,
    private readonly options: RebuildOptions & { readonly scanned: readonly number[] },
  ) {}

  async run(): Promise<RebuildResult> {
    const { signal, scanned } = this.options;
    const onAbort = (): void => {
      this.stop.abort(signal?.reason);
    };
    if (signal?.aborted) {
      onAbort();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.stop.signal.throwIfAborted();
      // Every segment settles before this returns, so no write of this run outlives it.
      const settled = await Promise.allSettled(scanned.map((segment) => this.segment(segment)));
      if (settled.some((result) => result.status === 'rejected')) {
        throw this.stop.signal.reason;
      }
      return { events: this.events, accounts: this.accounts };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async segment(segment: number): Promise<void> {
    try {
      await this.scanSegment(segment);
    } catch (error) {
      this.stop.abort(error);
      throw error;
    }
    this.segmentsDone += 1;
    this.report();
  }

  // A partition's items come back together and in version order, but may span pages: an account's
  // run is kept until the next account starts or the segment ends.
  private async scanSegment(segment: number): Promise<void> {
    const total = this.options.totalSegments ?? DEFAULT_SEGMENTS;
    let run: Run | undefined;
    for await (const page of this.scan.segment(segment, total)) {
      this.stop.signal.throwIfAborted();
      for (const event of page) {
        run = await this.take(run, event);
      }
    }
    if (run) {
      await this.flush(run, true);
    }
  }

  /** Adds an event to its account's run, applying the previous run when the account changes. */
  private async take(run: Run | undefined, event: RecordedEvent): Promise<Run> {
    let current = run;
    if (current && current.accountId !== event.streamId) {
      await this.flush(current, true);
      current = undefined;
    }
    current ??= { accountId: event.streamId, events: [] };
    current.events.push(readable(event));
    if (current.events.length >= (this.options.chunkSize ?? DEFAULT_CHUNK)) {
      await this.flush(current, false);
    }
    return current;
  }

  private async flush(run: Run, last: boolean): Promise<void> {
    this.stop.signal.throwIfAborted();
    const events = run.events.sort((a, b) => a.version - b.version);
    run.events = [];
    if (events.length > 0) {
      await this.applyWithRetry(run.accountId, events);
      this.events += events.length;
    }
    if (last) {
      this.accounts += 1;
    }
    this.report();
  }

  // A writer racing the live projector may lose its conditional write more often than it retries
  // by itself; the run is idempotent, so trying it again after a pause is safe.
  private async applyWithRetry(accountId: string, events: readonly RecordedEvent[]): Promise<void> {
    const attempts = this.options.attempts ?? DEFAULT_ATTEMPTS;
    await retrying(() => this.apply(accountId, events), {
      // 50 ms, 100 ms, 150 ms, ...: one fewer pause than attempts.
      delaysMs: Array.from({ length: Math.max(attempts - 1, 0) }, (_, index) => 50 * (index + 1)),
      retryable: (error) => !(error instanceof UnreadableEventError),
      wait: (ms) => sleep(ms, undefined, { signal: this.stop.signal }),
    });
  }

  private report(): void {
    this.options.onProgress?.({
      events: this.events,
      accounts: this.accounts,
      segmentsDone: this.segmentsDone,
      segments: this.options.scanned.length,
    });
  }
}

/**
 * Replays the Events table into a read model: a parallel scan, each segment grouped by account and
 * applied in version order after upcasting. Idempotent, restartable and safe beside the live
 * projector, because the writers skip what a row already holds and write conditionally.
 * @example await rebuildProjection(scanEvents(client, table), applier, { onProgress: console.log })
 */
export const rebuildProjection = async (
  scan: EventScan,
  apply: AccountApplier,
  options: RebuildOptions = {},
): Promise<RebuildResult> => {
  const scanned = segmentsToScan(options.totalSegments ?? DEFAULT_SEGMENTS, options.segments);
  return new Rebuild(scan, apply, { ...options, scanned }).run();
};
