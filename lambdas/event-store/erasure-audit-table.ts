import {
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ErasureAudit, ErasureRecord, KeyReceipt } from '../application/ports.js';
import { onConditionFailed } from '../conditional-writes.js';

/** The Erasures table: one record per erased subject, started once, completed once. */
export class DynamoDbErasureAudit implements ErasureAudit {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(subjectId: string): Promise<ErasureRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { subjectId }, ConsistentRead: true }),
    );
    return Item as ErasureRecord | undefined;
  }

  /** Starts the record, or returns the one a previous (possibly interrupted) call started. */
  async start(record: ErasureRecord): Promise<ErasureRecord> {
    const put = new PutCommand({
      TableName: this.table,
      Item: record,
      ConditionExpression: 'attribute_not_exists(subjectId)',
    });
    return onConditionFailed(
      async () => {
        await this.client.send(put);
        return record;
      },
      (error) => this.stored(record.subjectId, error, () => true),
    );
  }

  /** The record that won a conditional write, when it is as `wanted`; else the failure stands. */
  private async stored(
    subjectId: string,
    failure: Error,
    wanted: (record: ErasureRecord) => boolean,
  ): Promise<ErasureRecord> {
    const existing = await this.get(subjectId);
    if (!existing || !wanted(existing)) {
      throw failure;
    }
    return existing;
  }

  /**
   * Completes a started record once; a call that lost the race to another completion returns the
   * stored record, so every caller answers the same result.
   */
  async complete(
    subjectId: string,
    accounts: readonly string[],
    completedAt: string,
    receipt: KeyReceipt,
  ): Promise<ErasureRecord> {
    const update = new UpdateCommand({
      TableName: this.table,
      Key: { subjectId },
      UpdateExpression:
        'SET #status = :completed, completedAt = :at, accounts = :accounts, ' +
        'accountCount = :count, keyDestroyedAt = :destroyed, reachesBackupsBy = :backupsBy, ' +
        'backups = :backups',
      ConditionExpression: '#status = :started',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':completed': 'completed',
        ':started': 'started',
        ':at': completedAt,
        ':accounts': accounts,
        ':count': accounts.length,
        ':destroyed': receipt.keyDestroyedAt,
        ':backupsBy': receipt.reachesBackupsBy,
        ':backups': receipt.backups,
      },
      ReturnValues: 'ALL_NEW',
    });
    return onConditionFailed(
      async () => (await this.client.send(update)).Attributes as ErasureRecord,
      (error) => this.stored(subjectId, error, (record) => record.status === 'completed'),
    );
  }

  /**
   * Every started, unfinished erasure, from a strongly consistent scan of the table (the resumer's
   * source: a consistent read of the base table never misses a record written before it).
   */
  async unfinished(): Promise<ErasureRecord[]> {
    const records: ErasureRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.table,
          ConsistentRead: true,
          FilterExpression: '#status = :started',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':started': 'started' },
          ExclusiveStartKey: startKey,
        }),
      );
      records.push(...((page.Items ?? []) as ErasureRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records;
  }
}
