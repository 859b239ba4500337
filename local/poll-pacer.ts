import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms` or until `signal` aborts, whichever comes first; never rejects. */
export type Pause = (ms: number, signal: AbortSignal) => Promise<void>;

/** What the poller's last cycle found. */
export type CycleOutcome = 'busy' | 'waiting' | 'idle';

export interface PollPacerOptions {
  /** The first pause after a cycle that found nothing. */
  readonly idleDelayMs: number;
  /** Where the doubling pause of an idle stream stops. */
  readonly maxIdleDelayMs: number;
  /** Ends every pause for good (the poller stopping). */
  readonly signal: AbortSignal;
  readonly pause?: Pause;
}

export const timerPause: Pause = (ms, signal) =>
  sleep(ms, undefined, { signal }).catch(() => undefined);

/**
 * When the stream poller polls next: at once while records flow or after a wake, otherwise after a
 * pause that doubles with each cycle that finds nothing, up to a cap. A writer in the same process
 * wakes the poller, so an idle stream costs a poll per cap while a write is still read at once.
 */
export class PollPacer {
  readonly #options: PollPacerOptions;
  readonly #pause: Pause;
  #idleCycles = 0;
  #woken = false;
  #resting: AbortController | undefined;

  constructor(options: PollPacerOptions) {
    this.#options = options;
    this.#pause = options.pause ?? timerPause;
  }

  /** A cycle begins: it reads everything written before this point, so earlier wakes are served. */
  beginCycle(): void {
    this.#woken = false;
  }

  /** Something was written: end the current pause, and skip the next if a cycle is under way. */
  wake(): void {
    this.#woken = true;
    this.#idleCycles = 0;
    this.#resting?.abort();
  }

  /** The pause after a cycle with this outcome, in ms (0: go straight on). */
  delayAfter(outcome: CycleOutcome): number {
    if (outcome !== 'idle') {
      this.#idleCycles = 0;
      return outcome === 'busy' ? 0 : this.#options.idleDelayMs;
    }
    this.#idleCycles += 1;
    const { idleDelayMs, maxIdleDelayMs } = this.#options;
    return Math.min(maxIdleDelayMs, idleDelayMs * 2 ** Math.min(this.#idleCycles - 1, 30));
  }

  /** Rests as long as the outcome asks, unless woken (before or during the pause) or stopped. */
  async rest(outcome: CycleOutcome): Promise<void> {
    const ms = this.delayAfter(outcome);
    if (this.#woken || this.#options.signal.aborted) {
      return;
    }
    const resting = new AbortController();
    this.#resting = resting;
    try {
      // Even a pause of 0 yields to the event loop, so a busy stream never starves the server.
      await this.#pause(ms, AbortSignal.any([resting.signal, this.#options.signal]));
    } finally {
      this.#resting = undefined;
    }
  }
}
