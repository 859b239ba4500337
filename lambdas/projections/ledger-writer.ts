import {
  BatchWriteCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { doublingDelays, retrying } from '../retries.js';
import { erasedAt, ledgerRowsOf, type LedgerRow } from './ledger.projection.js';
import type { ProjectedEvent } from './projected-event.js';

const BATCH = 25;
const MAX_ATTEMPTS = 8;

/** Some rows of a BatchWriteItem came back unprocessed (throttling): they are sent again. */
class UnprocessedRowsError extends Error {
  override readonly name = 'UnprocessedRowsError';
}

const unprocessedRows = {
  delaysMs: doublingDelays(20, MAX_ATTEMPTS - 1),
  retryable: (error: unknown) => error instanceof UnprocessedRowsError,
};

/**
 * Writes Ledger rows. Each row is keyed by the event's own version and carries everything it shows,
 * so a duplicate or out-of-order delivery rewrites identical content: idempotent without a read.
 */
export class LedgerWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Applies a run of one account's events in version order (as the stream and rebuild give). */
  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    const rows = ledgerRowsOf(events);
    for (let start = 0; start < rows.length; start += BATCH) {
      await this.write(rows.slice(start, start + BATCH));
    }
    const erased = erasedAt(events);
    const accountId = events[0]?.streamId;
    if (erased !== undefined && accountId !== undefined) {
      await this.stripReferences(accountId, erased);
    }
  }

  /**
   * Removes the reference from the stored rows older than the owner's erasure (written by earlier
   * batches or rebuild pages). Idempotent: a row already without one is not found again.
   */
  private async stripReferences(accountId: string, erasedVersion: number): Promise<void> {
    const names = {
      '#reference': 'reference',
      '#binding': 'referenceBinding',
      '#version': 'version',
    };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'accountId = :id AND #version < :erased',
          FilterExpression: 'attribute_exists(#reference) OR attribute_exists(#binding)',
          ProjectionExpression: '#version',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':id': accountId, ':erased': erasedVersion },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { accountId, version: item['version'] as number },
            UpdateExpression: 'REMOVE #reference, #binding',
            ExpressionAttributeNames: { '#reference': 'reference', '#binding': 'referenceBinding' },
          }),
        );
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private async write(rows: readonly LedgerRow[]): Promise<void> {
    let pending = rows.map((row) => ({ PutRequest: { Item: row } }));
    const attempt = async () => {
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.table]: pending } }),
      );
      pending = (result.UnprocessedItems?.[this.table] ?? []).flatMap((request) =>
        request.PutRequest?.Item
          ? [{ PutRequest: { Item: request.PutRequest.Item as LedgerRow } }]
          : [],
      );
      if (pending.length > 0) {
        throw new UnprocessedRowsError(
          `Ledger rows stayed unprocessed after ${MAX_ATTEMPTS} attempts`,
        );
      }
    };
    if (pending.length > 0) {
      await retrying(attempt, unprocessedRows);
    }
  }
}
