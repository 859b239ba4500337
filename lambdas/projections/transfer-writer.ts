import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedEvent } from '../event-store/event-store.js';
import type { StreamConsumer } from '../event-store/event-stream.js';
import { isConditionalCheckFailed } from '../conditional-writes.js';
import { logger } from '../observability.js';
import { retrying } from '../retries.js';
import { evolveTransfer, transferIdOf, type TransferRow } from './transfer.projection.js';

/** A stored row with the revision its conditional write guards on. */
type StoredRow = TransferRow & { readonly revision: number };

// Lost the revision race to another writer: read the row again and re-apply, at once.
const races = { delaysMs: [0, 0, 0, 0, 0], retryable: isConditionalCheckFailed };

/**
 * Keeps Transfers rows current. Each event is applied by read -> pure evolve -> put conditioned on
 * the revision that was read, so two writers (the stream consumer and a rebuild, or the two events
 * of one transfer arriving from two shards) never overwrite each other's step.
 */
export class TransfersWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Applies the transfer events among `events`, in order (others are ignored), and returns the
   * position of the first that could not be written, or undefined when all were.
   */
  async apply(events: readonly RecordedEvent[]): Promise<number | undefined> {
    for (const [index, event] of events.entries()) {
      const transferId = transferIdOf(event);
      if (transferId === undefined) {
        continue;
      }
      try {
        await this.applyOne(transferId, event);
      } catch (error) {
        // Stop here: redelivery starts from this event, and everything before it is in place.
        logger.warn('transfer not projected', { transferId, errorName: (error as Error).name });
        return index;
      }
    }
    return undefined;
  }

  private applyOne(transferId: string, event: RecordedEvent): Promise<void> {
    return retrying(() => this.applyOnce(transferId, event), races);
  }

  private async applyOnce(transferId: string, event: RecordedEvent): Promise<void> {
    const stored = await this.read(transferId);
    const row = stored ? withoutRevision(stored) : null;
    const next = evolveTransfer(row, event);
    // evolve returns the very same row when the event changes nothing (a duplicate or a late one).
    if (next === null || next === row) {
      return;
    }
    const revision = stored?.revision ?? 0;
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...next, revision: revision + 1 },
        ConditionExpression: stored ? 'revision = :revision' : 'attribute_not_exists(transferId)',
        ...(stored ? { ExpressionAttributeValues: { ':revision': revision } } : {}),
      }),
    );
  }

  private async read(transferId: string): Promise<StoredRow | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { transferId }, ConsistentRead: true }),
    );
    return Item as StoredRow | undefined;
  }
}

const withoutRevision = ({ revision: _, ...row }: StoredRow): TransferRow => row;

/**
 * The Transfers read-model projector alone, built from a client and the table name (all a rebuild
 * has). One transfer's events come from two accounts, so rows are applied one event at a time,
 * conditional on the row's revision, rather than per account as the account projectors do.
 */
export const transfersProjector = (
  client: DynamoDBDocumentClient,
  table: string,
): StreamConsumer => {
  const writer = new TransfersWriter(client, table);
  return { name: 'Transfers', consume: (events) => writer.apply(events) };
};
