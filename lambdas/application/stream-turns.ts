const settlesWithin = async (turn: Promise<void>, timeoutMs: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([turn.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Lets the writers of one process take turns per stream. Writers in the same process (the local
 * server, a container serving many requests) would otherwise race each other's appends and spend
 * the conflict budget retrying against one another; across processes the event store's condition
 * still decides. Correctness never depends on it: it only removes self-inflicted
 * conflicts.
 */
export class StreamTurns {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `work` after every earlier writer of `streamId` in this process (`waited` tells whether
   * there was one); undefined when that takes longer than `timeoutMs`.
   */
  async run<T>(
    streamId: string,
    timeoutMs: number,
    work: (waited: boolean) => Promise<T>,
  ): Promise<T | undefined> {
    const earlier = this.tails.get(streamId);
    let release: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The next writer waits for this one and, through it, for every writer before it.
    const tail = earlier ? earlier.then(() => finished) : finished;
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) {
        this.tails.delete(streamId);
      }
    });
    try {
      if (earlier === undefined) {
        // No earlier writer: its turn is now, so no timer is armed (the common, uncontended case).
        return await work(false);
      }
      return (await settlesWithin(earlier, timeoutMs)) ? await work(true) : undefined;
    } finally {
      release();
    }
  }
}
