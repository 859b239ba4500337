import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PersonalData } from '../crypto/index.js';
import { revealReference } from './revealed-views.js';
import type { TransferRow, TransferStatus } from './transfer.projection.js';

/** A transfer as its sender sees it (GET /transfers/{id}). */
export interface TransferView {
  readonly transferId: string;
  readonly status: TransferStatus;
  readonly reason?: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: number;
  readonly currency: string;
  /** The decrypted reference; null when none was given or the sender's data was erased. */
  readonly reference: string | null;
  readonly personalDataErased: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A row whose TransferSent has been applied: every field the view shows is known. */
type SentRow = TransferRow &
  Required<
    Pick<TransferRow, 'fromAccountId' | 'toAccountId' | 'ownerId' | 'amount' | 'currency'>
  > & { readonly createdAt: string };

const isSent = (row: TransferRow): row is SentRow =>
  row.sentVersion !== undefined &&
  row.fromAccountId !== undefined &&
  row.toAccountId !== undefined &&
  row.ownerId !== undefined &&
  row.amount !== undefined &&
  row.currency !== undefined &&
  row.createdAt !== undefined;

/** Reads of the Transfers read model (eventually consistent, as read models are). */
export class TransferQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly personalData: PersonalData,
  ) {}

  /** The stored row, as the projector left it. */
  async row(transferId: string): Promise<TransferRow | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { transferId } }),
    );
    if (!Item) {
      return undefined;
    }
    const { revision: _, ...row } = Item as TransferRow & { revision?: number };
    return row;
  }

  /**
   * The transfer as `actorId` may see it: undefined when it does not exist, is not theirs, or its
   * TransferSent is not projected yet (all three answer 404, so existence does not leak).
   */
  async viewFor(transferId: string, actorId: string): Promise<TransferView | undefined> {
    const row = await this.row(transferId);
    if (!row || !isSent(row) || row.ownerId !== actorId) {
      return undefined;
    }
    const reference = await this.reveal(row);
    return {
      transferId: row.transferId,
      status: row.status,
      ...(row.reason === undefined ? {} : { reason: row.reason }),
      fromAccountId: row.fromAccountId,
      toAccountId: row.toAccountId,
      amount: row.amount,
      currency: row.currency,
      reference,
      personalDataErased: row.reference !== undefined && reference === null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private reveal(row: SentRow): Promise<string | null> {
    const binding = row.referenceBinding && {
      streamId: row.fromAccountId,
      ...row.referenceBinding,
    };
    return revealReference(this.personalData, row.ownerId, row.reference, binding);
  }
}
