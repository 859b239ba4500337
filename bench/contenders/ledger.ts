import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STATE_SCHEMA } from '../../lambdas/domain/account/index.js';
import { emptyAccount, foldEvents, loadAccount } from '../../lambdas/application/account-loader.js';
import { DynamoDbEventStore } from '../../lambdas/event-store/dynamodb-event-store.js';
import { toEventItem } from '../../lambdas/event-store/event-item.js';
import type { NewEvent, RecordedEvent } from '../../lambdas/event-store/event-store.js';
import { DynamoDbSnapshotStore } from '../../lambdas/event-store/snapshots.js';
import type { TableNames } from '../../local/bootstrap-tables.js';
import { benchEvent, type Contender } from './contender.js';
import type { Loader } from '../figures/load.js';
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

const recordedStream = (accountId: string, count: number): RecordedEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    ...newEvent(i + 1),
    streamId: accountId,
    version: i + 1,
  }));

const balanceOf = ({ state }: { state: { status: string; balance?: number } }): number =>
  state.balance ?? 0;

/** Ledger: DynamoDbEventStore for appends, the application's loadAccount (upcast + fold) for loads. */
export class LedgerContender implements Contender {
  readonly name = 'ledger';
  readonly store: DynamoDbEventStore;
  readonly snapshots: DynamoDbSnapshotStore;
  readonly command?: (accountId: string) => Promise<void>;

  constructor(private readonly options: LedgerContenderOptions) {
    this.store = new DynamoDbEventStore({
      client: options.client,
      eventsTable: options.tables.Events,
      commandsTable: options.tables.Commands,
      ownersTable: options.tables.Owners,
    });
    this.snapshots = new DynamoDbSnapshotStore(options.client, options.tables.Snapshots);
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

  itemOf(accountId: string, version: number): ReturnType<typeof toEventItem> {
    return toEventItem({ ...newEvent(version), streamId: accountId, version });
  }

  async load(accountId: string): Promise<number> {
    return balanceOf(await loadAccount(this.store, accountId));
  }

  async seed(accountId: string, count: number): Promise<void> {
    await this.write(recordedStream(accountId, count));
  }

  /**
   * Ledger loading through its snapshot store. Seeding leaves the snapshot `every - 1` events behind
   * the head, the most a snapshot every `every` events can lag, so the figure is the worst case.
   */
  withSnapshots(every: number): Loader {
    return {
      name: 'ledger+snapshots',
      seed: async (accountId, count) => {
        const events = recordedStream(accountId, count);
        await this.write(events);
        const at = Math.max(0, count - (every - 1));
        const folded = foldEvents(emptyAccount, events.slice(0, at));
        if (at > 0) {
          await this.snapshots.put({
            accountId,
            version: folded.version,
            stateSchema: STATE_SCHEMA,
            state: folded.state as unknown as Record<string, unknown>,
            occurredAt: folded.occurredAt ?? new Date().toISOString(),
            takenAt: new Date().toISOString(),
          });
        }
      },
      load: async (accountId) =>
        balanceOf(await loadAccount(this.store, accountId, this.snapshots)),
    };
  }

  /** Writes a stream's events as they are (batch writes, unconditional): for seeding only. */
  async write(events: readonly RecordedEvent[]): Promise<void> {
    const items = events.map(toEventItem);
    await batchWrite(this.options.raw, this.options.tables.Events, items);
  }
}
