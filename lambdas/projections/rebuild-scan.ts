import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeItem } from '../event-store/attribute-values.js';
import { fromEventItem } from '../event-store/event-item.js';
import type { EventScan } from './rebuild.js';

export interface EventScanOptions {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  /** Items per Scan request (default: DynamoDB's 1 MB page). */
  readonly pageSize?: number;
}

/**
 * The Events table as a parallel scan. Reads are strongly consistent, so every event appended before
 * a page is read is in it; events appended later reach the read model through the live projector.
 */
export const dynamoDbEventScan = ({ client, table, pageSize }: EventScanOptions): EventScan => ({
  async *segment(segment, totalSegments) {
    // A low-level Scan: items in the wire format (event-item.ts), sent by the document client as is.
    let startKey: AttributeItem | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          Segment: segment,
          TotalSegments: totalSegments,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          ...(pageSize === undefined ? {} : { Limit: pageSize }),
        }),
      );
      yield (page.Items ?? []).map(fromEventItem);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  },
});

/**
 * The Events table's item count as DynamoDB last reported it: live on DynamoDB Local, refreshed about
 * every six hours on AWS, so only good for a progress estimate.
 */
export const estimateEventCount = async (
  client: DynamoDBDocumentClient,
  table: string,
): Promise<number | undefined> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  return Table?.ItemCount;
};
