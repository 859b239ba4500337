import {
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { benchEvent, type BenchEvent, type Contender } from './contender.js';
import { batchWrite, type RawItem } from './dynamodb.js';

const attribute = (value: string | number | null): RawItem[string] => {
  if (value === null) {
    return { NULL: true };
  }
  return typeof value === 'number' ? { N: String(value) } : { S: value };
};

const map = (record: Readonly<Record<string, string | number | null>>): RawItem[string] => ({
  M: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, attribute(value)])),
});

/**
 * The same item Ledger writes (the compact Events layout of docs/adr/0160: the bench event's
 * correlation id is its command id, its causation id the default), built by hand with no library.
 */
export const floorItem = (accountId: string, version: number, event: BenchEvent): RawItem => {
  const { actorId, commandId, requestId } = event.metadata;
  return {
    accountId: { S: accountId },
    version: { N: String(version) },
    type: { S: event.type },
    data: map(event.data),
    meta: {
      S: `at=${event.occurredAt} s=${String(event.schema)} id=${event.eventId} actor=${actorId} cmd=${commandId} req=${requestId} corr=*cmd`,
    },
  };
};

interface Head {
  readonly version: number;
  readonly balance: number;
}

/**
 * The least work any event store can do on DynamoDB: one conditional PutItem per event, and a
 * paginated consistent Query whose fold reads `balanceAfter` straight off the wire format.
 */
export class FloorContender implements Contender {
  readonly name = 'floor';

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async append(accountId: string, version: number): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: floorItem(accountId, version + 1, benchEvent(version + 1)),
        ConditionExpression: 'attribute_not_exists(version)',
      }),
    );
  }

  itemOf(accountId: string, version: number): RawItem {
    return floorItem(accountId, version, benchEvent(version));
  }

  async load(accountId: string): Promise<number> {
    return (await this.head(accountId)).balance;
  }

  async seed(accountId: string, count: number): Promise<void> {
    const items = Array.from({ length: count }, (_, i) =>
      floorItem(accountId, i + 1, benchEvent(i + 1)),
    );
    await batchWrite(this.client, this.table, items);
  }

  readonly command = async (accountId: string): Promise<void> => {
    for (;;) {
      const { version } = await this.head(accountId);
      try {
        await this.append(accountId, version);
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) {
          throw error;
        }
      }
    }
  };

  private async head(accountId: string): Promise<Head> {
    let head: Head = { version: 0, balance: 0 };
    let startKey: RawItem | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'accountId = :id',
          ExpressionAttributeValues: { ':id': { S: accountId } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const after = item['data']?.M?.['balanceAfter']?.N;
        head = {
          version: Number(item['version']?.N),
          balance: after === undefined ? head.balance : Number(after),
        };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return head;
  }
}
