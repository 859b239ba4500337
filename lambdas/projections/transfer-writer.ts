import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../conditional-writes.js';
import { logger } from '../observability.js';
import { retrying } from '../retries.js';
import type { ProjectedEvent } from './projected-event.js';
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
   * Applies one account's transfer events, in order (others are ignored), and throws at the first
   * that could not be written: the events before it are in place, the rest are not tried.
   */
  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    for (const event of events) {
      const transferId = transferIdOf(event);
      if (transferId === undefined) {
        continue;
      }
      try {
        await this.applyOne(transferId, event);
      } catch (error) {
        logger.warn('transfer not projected', { transferId, errorName: (error as Error).name });
        throw error;
      }
    }
  }

  private applyOne(transferId: string, event: ProjectedEvent): Promise<void> {
    return retrying(() => this.applyOnce(transferId, event), races);
  }

  private async applyOnce(transferId: string, event: ProjectedEvent): Promise<void> {
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
