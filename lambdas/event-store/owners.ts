import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onConditionFailed } from '../conditional-writes.js';

/**
 * Who owns which streams, written in the same transaction as each stream's first event, so it is
 * never behind the event store (the byOwner read model is, by the stream's lag). Erasure reads it.
 */
export interface OwnerRegistry {
  /** Every stream opened for the owner, strongly consistent. */
  streamsOf(ownerId: string): Promise<string[]>;
  /** Refuses any new stream for the owner from now on (idempotent; the first seal's time stays). */
  seal(ownerId: string, sealedAt: string): Promise<void>;
}

/** The owner was sealed (erasure started): no stream can be opened for it any more. */
export class OwnerSealedError extends Error {
  override readonly name = 'OwnerSealedError';
  constructor(options?: ErrorOptions) {
    super('The owner is sealed: no new stream can be opened for it', options);
  }
}

/**
 * The transaction item that registers a new stream under its owner, unless the owner is sealed.
 * One item per owner, holding a string set of stream ids. In the wire format: the event store's
 * transactions go through the low-level client.
 */
export const registerStreamItem = (
  table: string,
  ownerId: string,
  streamId: string,
): TransactWriteItem => ({
  Update: {
    TableName: table,
    Key: { ownerId: { S: ownerId } },
    UpdateExpression: 'ADD streams :stream',
    ConditionExpression: 'attribute_not_exists(sealedAt)',
    ExpressionAttributeValues: { ':stream': { SS: [streamId] } },
  },
});

/** The Owners table: PK `ownerId`, `streams` (string set), `sealedAt` once erasure started. */
export class DynamoDbOwnerRegistry implements OwnerRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async streamsOf(ownerId: string): Promise<string[]> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { ownerId }, ConsistentRead: true }),
    );
    const streams = Item?.['streams'] as Set<string> | undefined;
    return [...(streams ?? [])].sort();
  }

  async seal(ownerId: string, sealedAt: string): Promise<void> {
    await onConditionFailed(
      () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { ownerId },
            UpdateExpression: 'SET sealedAt = :at',
            ConditionExpression: 'attribute_not_exists(sealedAt)',
            ExpressionAttributeValues: { ':at': sealedAt },
          }),
        ),
      () => undefined,
    );
  }
}
