import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command, EventStore, EventType, tuple } from '@castore/core';
import {
  DynamoDBSingleTableEventStorageAdapter,
  EVENT_TABLE_EVENT_STORE_ID_KEY,
  EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
  EVENT_TABLE_PK,
  EVENT_TABLE_SK,
  EVENT_TABLE_TIMESTAMP_KEY,
} from '@castore/event-storage-adapter-dynamodb';
import { benchEvent, nextBalance, type BenchEvent, type Contender } from './contender.js';
import { batchWrite, type RawItem } from './dynamodb.js';

type Payload = BenchEvent['data'];
// Undefined for the natural-payload contender (the adapter then stores no metadata attribute).
type Metadata =
  (BenchEvent['metadata'] & { readonly eventId: string; readonly schema: number }) | undefined;

const eventTypes = [
  new EventType<'AccountOpened', Payload, Metadata>({ type: 'AccountOpened' }),
  new EventType<'MoneyDeposited', Payload, Metadata>({ type: 'MoneyDeposited' }),
];

interface CastoreAccount {
  readonly aggregateId: string;
  readonly version: number;
  readonly balance: number;
  readonly open: boolean;
}

const EVENT_STORE_ID = 'ACCOUNTS';

/** Castore's documented single-table layout: PK aggregateId, SK version, KEYS_ONLY initialEvents GSI. */
export const createCastoreTable = async (client: DynamoDBClient, table: string): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: EVENT_TABLE_PK, AttributeType: 'S' },
        { AttributeName: EVENT_TABLE_SK, AttributeType: 'N' },
        { AttributeName: EVENT_TABLE_EVENT_STORE_ID_KEY, AttributeType: 'S' },
        { AttributeName: EVENT_TABLE_TIMESTAMP_KEY, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: EVENT_TABLE_PK, KeyType: 'HASH' },
        { AttributeName: EVENT_TABLE_SK, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
          KeySchema: [
            { AttributeName: EVENT_TABLE_EVENT_STORE_ID_KEY, KeyType: 'HASH' },
            { AttributeName: EVENT_TABLE_TIMESTAMP_KEY, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
};

const detail = (aggregateId: string, version: number, natural: boolean) => {
  const { type, schema, eventId, occurredAt, data, metadata } = benchEvent(version);
  const event = { aggregateId, version, type, timestamp: occurredAt, payload: data };
  // What a Castore user stores by default: the payload alone, no metadata.
  return { ...event, metadata: natural ? undefined : { ...metadata, eventId, schema } };
};

/**
 * The peer: @castore/core's EventStore and Command on its DynamoDB single-table adapter, used as
 * its README shows (getAggregate with a reducer, pushEvent with the next version).
 */
export class CastoreContender implements Contender {
  readonly name: 'castore' | 'castore-natural';
  private readonly adapter: DynamoDBSingleTableEventStorageAdapter;
  private readonly store;
  private readonly deposit;

  /** `natural`: events carry the payload alone, as Castore's README stores them. */
  constructor(
    client: DynamoDBClient,
    table: string,
    private readonly natural = false,
  ) {
    this.name = natural ? 'castore-natural' : 'castore';
    this.adapter = new DynamoDBSingleTableEventStorageAdapter({
      tableName: table,
      dynamoDBClient: client,
    });
    this.store = new EventStore({
      eventStoreId: EVENT_STORE_ID,
      eventTypes,
      // Castore folds from `undefined`: the first event creates the aggregate.
      reducer: (account: CastoreAccount | undefined, event): CastoreAccount => ({
        aggregateId: event.aggregateId,
        version: event.version,
        balance: nextBalance(account?.balance ?? 0, event.payload['balanceAfter']),
        open: true,
      }),
      eventStorageAdapter: this.adapter,
    });
    this.deposit = new Command({
      commandId: 'DEPOSIT_MONEY',
      requiredEventStores: tuple(this.store),
      handler: async (accountId: string, [accounts]) => {
        const { aggregate } = await accounts.getExistingAggregate(accountId);
        if (!aggregate.open) {
          throw new Error('account-closed');
        }
        await accounts.pushEvent(detail(accountId, aggregate.version + 1, this.natural));
      },
    });
  }

  async append(accountId: string, version: number): Promise<void> {
    await this.store.pushEvent(detail(accountId, version + 1, this.natural));
  }

  itemOf(accountId: string, version: number): RawItem {
    const { Item } = this.adapter.getPushEventInput(detail(accountId, version, this.natural), {
      eventStoreId: EVENT_STORE_ID,
    });
    return Item ?? {};
  }

  async load(accountId: string): Promise<number> {
    const { aggregate } = await this.store.getAggregate(accountId);
    return aggregate?.balance ?? 0;
  }

  async seed(accountId: string, count: number): Promise<void> {
    const items = Array.from({ length: count }, (_, i) => {
      const { Item } = this.adapter.getPushEventInput(detail(accountId, i + 1, this.natural), {
        eventStoreId: EVENT_STORE_ID,
      });
      return Item ?? {};
    });
    await batchWrite(this.adapter.dynamoDBClient, this.adapter.getTableName(), items);
  }

  readonly command = async (accountId: string): Promise<void> => {
    await this.deposit.handler(accountId, [this.store]);
  };
}
