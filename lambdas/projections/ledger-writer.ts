import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../event-store/event-store.js';
import { ledgerRowOf, type LedgerRow } from './ledger.projection.js';

const BATCH = 25;
const MAX_ATTEMPTS = 8;

/**
 * Writes Ledger rows. Each row is keyed by the event's own version and carries everything it shows,
 * so a duplicate or out-of-order delivery rewrites identical content: idempotent without a read.
 */
export class LedgerWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const rows = events.map(ledgerRowOf).filter((row): row is LedgerRow => row !== null);
    for (let start = 0; start < rows.length; start += BATCH) {
      await this.write(rows.slice(start, start + BATCH));
    }
  }

  private async write(rows: readonly LedgerRow[]): Promise<void> {
    let pending = rows.map((row) => ({ PutRequest: { Item: row } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= MAX_ATTEMPTS) {
        throw new Error(`Ledger rows stayed unprocessed after ${MAX_ATTEMPTS} attempts`);
      }
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.table]: pending } }),
      );
      pending = (result.UnprocessedItems?.[this.table] ?? []).flatMap((request) =>
        request.PutRequest?.Item
          ? [{ PutRequest: { Item: request.PutRequest.Item as LedgerRow } }]
          : [],
      );
      if (pending.length > 0) {
        await sleep(20 * 2 ** attempt);
      }
    }
  }
}
