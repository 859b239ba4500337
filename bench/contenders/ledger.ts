import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { loadAccount } from '../../lambdas/application/account-loader.js';
import { DynamoDbEventStore } from '../../lambdas/event-store/dynamodb-event-store.js';
import { toEventItem } from '../../lambdas/event-store/event-item.js';
import type { NewEvent } from '../../lambdas/event-store/event-store.js';
import type { TableNames } from '../../local/bootstrap-tables.js';
import { benchEvent, type Contender } from './contender.js';
import { batchWrite } from './dynamodb.js';

export interface LedgerContenderOptions {
  readonly client: DynamoDBDocumentClient;
  /** Used only to seed streams quickly; measured paths go through the event store. */
  readonly raw: DynamoDBClient;
  readonly tables: TableNames;
  /** One deposit through the command handler; absent until a handler can be loaded. */
  readonly command?: (accountId: string) => Promise<void>;
}

const newEvent = (version: number): NewEvent => {
  const { type, schema, eventId, occurredAt, data, metadata } = benchEvent(version);
  return { type, schema, eventId, occurredAt, data, metadata };
};

/** Ledger: DynamoDbEventStore for appends, the application's loadAccount (upcast + fold) for loads. */
export class LedgerContender implements Contender {
  readonly name = 'ledger';
  readonly store: DynamoDbEventStore;
  readonly command?: (accountId: string) => Promise<void>;

  constructor(private readonly options: LedgerContenderOptions) {
    this.store = new DynamoDbEventStore({
      client: options.client,
      eventsTable: options.tables.Events,
      commandsTable: options.tables.Commands,
    });
    if (options.command) {
      this.command = options.command;
    }
  }

  async append(accountId: string, version: number): Promise<void> {
    await this.store.append({
      streamId: accountId,
      expectedVersion: version,
      events: [newEvent(version + 1)],
    });
  }

  async load(accountId: string): Promise<number> {
    const { state } = await loadAccount(this.store, accountId);
    return state.status === 'none' ? 0 : state.balance;
  }

  async seed(accountId: string, count: number): Promise<void> {
    const items = Array.from({ length: count }, (_, i) =>
      marshall(toEventItem({ ...newEvent(i + 1), streamId: accountId, version: i + 1 }), {
        removeUndefinedValues: true,
      }),
    );
    await batchWrite(this.options.raw, this.options.tables.Events, items);
  }
}
