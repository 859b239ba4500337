import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ErasureAudit, ErasureRecord, KeyReceipt } from '../application/ports.js';

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
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: record,
          ConditionExpression: 'attribute_not_exists(subjectId)',
        }),
      );
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
      const existing = await this.get(record.subjectId);
      if (!existing) {
        throw error;
      }
      return existing;
    }
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
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
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
        }),
      );
      return Attributes as ErasureRecord;
    } catch (error) {
      const existing =
        error instanceof ConditionalCheckFailedException ? await this.get(subjectId) : undefined;
      if (existing?.status !== 'completed') {
        throw error;
      }
      return existing;
    }
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
