import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '../event-store/event-store.js';
import { upcast } from '../event-store/upcasters.js';
import { isConditionalCheckFailed } from '../conditional-writes.js';
import { retrying } from '../retries.js';
import { evolveSummary, type AccountSummaryRow } from './account-summary.projection.js';
import { projectedEvent, type ProjectedEvent } from './projected-event.js';

/** Events of the account are not in the Events table yet (a stream record ran ahead of a read). */
export class EventsNotVisibleError extends Error {
  override readonly name = 'EventsNotVisibleError';
}

export interface SummaryWriterDeps {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  readonly store: EventStore;
}

// Another writer (a replay or a rebuild) moved the row on: read it again and re-apply, at once.
const races = { delaysMs: [0, 0, 0], retryable: isConditionalCheckFailed };

/**
 * Keeps AccountSummaries rows current, idempotent and order-safe: events the row already has are
 * skipped; a gap (v5 delivered before v4) is filled from the Events table with a consistent read.
 */
export class SummaryWriter {
  constructor(private readonly deps: SummaryWriterDeps) {}

  /** Applies an account's events (in version order) from one batch. */
  async apply(accountId: string, events: readonly ProjectedEvent[]): Promise<void> {
    await retrying(() => this.applyOnce(accountId, events), races);
  }

  private async applyOnce(accountId: string, events: readonly ProjectedEvent[]): Promise<void> {
    const row = await this.read(accountId);
    const have = row?.version ?? 0;
    if ((events.at(-1)?.version ?? 0) <= have) {
      return;
    }
    const unseen = events.filter((event) => event.version > have);
    const missing = await this.missing(accountId, have, unseen);
    const next = [...missing, ...unseen].reduce(evolveSummary, row);
    if (next && next.version > have) {
      await this.write(next, row);
    }
  }

  private async write(next: AccountSummaryRow, row: AccountSummaryRow | null): Promise<void> {
    await this.deps.client.send(
      new PutCommand({
        TableName: this.deps.table,
        Item: next,
        // Only move forward from the version that was read: a concurrent writer makes this fail.
        ConditionExpression: row ? 'version = :have' : 'attribute_not_exists(accountId)',
        ...(row ? { ExpressionAttributeValues: { ':have': row.version } } : {}),
      }),
    );
  }

  private async read(accountId: string): Promise<AccountSummaryRow | null> {
    const { Item } = await this.deps.client.send(
      new GetCommand({ TableName: this.deps.table, Key: { accountId }, ConsistentRead: true }),
    );
    return (Item as AccountSummaryRow | undefined) ?? null;
  }

  /** The versions between the row and the batch's first event, read from the Events table. */
  private async missing(
    accountId: string,
    have: number,
    events: readonly ProjectedEvent[],
  ): Promise<ProjectedEvent[]> {
    const first = events[0]?.version ?? have + 1;
    if (first === have + 1) {
      return [];
    }
    const loaded = await this.deps.store.load(accountId, {
      fromVersion: have + 1,
      toVersion: first - 1,
    });
    if (loaded.length !== first - 1 - have) {
      throw new EventsNotVisibleError(
        `Versions ${have + 1}..${first - 1} of ${accountId} are not visible yet`,
      );
    }
    // Read from the table, so typed here as the stream's and the rebuild's events are.
    return loaded.map((event) => projectedEvent(upcast(event)));
  }
}
