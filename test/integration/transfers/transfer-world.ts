import { expect } from 'vitest';
import type { Dependencies } from '../../../lambdas/dependencies.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { dispatchBatch, type StreamConsumer } from '../../../lambdas/event-store/event-stream.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { streamEventOf } from '../../support/stream.js';
import { openAccount, startTransfer, type TransferRequest } from './support.js';

const keyOf = (event: RecordedEvent): string => `${event.streamId}#${event.version}`;

/**
 * A stand-in for the Events stream of a set of accounts: it delivers the events not yet
 * acknowledged, in any order and batching a test chooses, through the same dispatch the stream
 * consumer Lambda uses, and acknowledges a batch only up to its first reported failure.
 */
export class SimulatedStream {
  private readonly acknowledged = new Set<string>();

  constructor(
    private readonly deps: Dependencies,
    private readonly accountIds: () => readonly string[],
  ) {}

  /** Every stored event of the watched accounts, in account and version order. */
  async all(): Promise<RecordedEvent[]> {
    const streams = await Promise.all(
      this.accountIds().map((id) => this.deps.store.load(id).catch(() => [])),
    );
    return streams.flat();
  }

  async unacknowledged(): Promise<RecordedEvent[]> {
    return (await this.all()).filter((event) => !this.acknowledged.has(keyOf(event)));
  }

  /** Delivers one batch; returns whether every record of it was processed. */
  async deliver(
    events: readonly RecordedEvent[],
    consumers: readonly StreamConsumer[],
  ): Promise<boolean> {
    const { batchItemFailures } = await dispatchBatch(streamEventOf(events), consumers);
    const failed = batchItemFailures[0]?.itemIdentifier;
    const processed = failed === undefined ? events.length : Number(failed) - 1000;
    for (const event of events.slice(0, processed)) {
      this.acknowledged.add(keyOf(event));
    }
    return failed === undefined;
  }

  /** Delivers until nothing is left unacknowledged (clean consumers must get there). */
  async drain(consumers: readonly StreamConsumer[], maxRounds = 20): Promise<number> {
    for (let round = 1; round <= maxRounds; round += 1) {
      const pending = await this.unacknowledged();
      if (pending.length === 0) {
        return round - 1;
      }
      await this.deliver(pending, consumers);
    }
    throw new Error(`stream not drained after ${maxRounds} rounds`);
  }
}

/** A transfer test's app, and a simulated stream that delivers the accounts it watches. */
export class TransferWorld {
  readonly watched: string[] = [];
  readonly stream: SimulatedStream;

  constructor(readonly app: TestApp) {
    this.stream = new SimulatedStream(app.deps, () => this.watched);
  }

  /** Opens an account for `sub` with an initial deposit (10,000 EUR unless told), and watches it. */
  async account(sub: string, initialDeposit = 10_000, currency?: string): Promise<string> {
    const options = currency === undefined ? { initialDeposit } : { initialDeposit, currency };
    const id = await openAccount(this.app.deps, sub, options);
    this.watched.push(id);
    return id;
  }

  /** Delivers the watched accounts' events until none is left unacknowledged. */
  deliverAll(): Promise<number> {
    return this.stream.drain(this.app.deps.consumers);
  }

  /**
   * Sends all of a new account's money (2,500, so its owner may be erased afterwards) from
   * `sender` to a new empty account of `receiver`, with `reference`, and settles it on the stream.
   */
  async settledTransfer(sender: string, receiver: string, reference: string) {
    const from = await this.account(sender, 2_500);
    const to = await this.account(receiver, 0);
    const request = { fromAccountId: from, toAccountId: to, amount: 2_500, reference };
    const { started, id } = await this.transfer(sender, request);
    expect(started.status).toBe(202);
    return { from, to, transferId: id };
  }

  /** POST /transfers as `sender`, then delivers the stream: the response and the transfer id. */
  async transfer(sender: string, request: TransferRequest) {
    const started = await startTransfer(this.app.deps, sender, request);
    await this.deliverAll();
    return { started, id: String(started.body['transferId']) };
  }
}

/** A fresh app (its own tables) with its stream, for a test file's beforeAll. */
export const transferWorld = async (): Promise<TransferWorld> =>
  new TransferWorld(await createTestApp());
