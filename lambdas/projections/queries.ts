import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountSummaryRow } from './account-summary.projection.js';
import type { LedgerRow } from './ledger.projection.js';

export interface ReadModelTables {
  readonly accountSummaries: string;
  readonly ledger: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor of the next page; absent on the last page. */
  readonly next?: string;
}

/** A cursor that does not decode to a position in this account's ledger. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const encodeCursor = (version: number): string =>
  Buffer.from(JSON.stringify({ v: version }), 'utf8').toString('base64url');

const decodeCursor = (cursor: string): number => {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
    };
    if (typeof decoded.v === 'number' && Number.isSafeInteger(decoded.v) && decoded.v > 0) {
      return decoded.v;
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError('The cursor is not one this API issued.');
};

/** Reads of the read models (eventually consistent, as read models are). */
export class ReadModelQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: ReadModelTables,
  ) {}

  async summary(accountId: string): Promise<AccountSummaryRow | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tables.accountSummaries, Key: { accountId } }),
    );
    return Item as AccountSummaryRow | undefined;
  }

  /** Every account of an owner, through the byOwner index. */
  async summariesOf(ownerId: string): Promise<AccountSummaryRow[]> {
    const rows: AccountSummaryRow[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tables.accountSummaries,
          IndexName: 'byOwner',
          KeyConditionExpression: 'ownerId = :owner',
          ExpressionAttributeValues: { ':owner': ownerId },
          ExclusiveStartKey: startKey,
        }),
      );
      rows.push(...((page.Items ?? []) as AccountSummaryRow[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rows;
  }

  /** Ledger rows newest first; the cursor continues below the last version returned. */
  async transactions(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerRow>> {
    const below = cursor === undefined ? undefined : decodeCursor(cursor);
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tables.ledger,
        KeyConditionExpression:
          below === undefined ? 'accountId = :id' : 'accountId = :id AND version < :below',
        ExpressionAttributeValues: {
          ':id': accountId,
          ...(below === undefined ? {} : { ':below': below }),
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const items = (page.Items ?? []) as LedgerRow[];
    const last = items.at(-1);
    return page.LastEvaluatedKey && last ? { items, next: encodeCursor(last.version) } : { items };
  }
}
