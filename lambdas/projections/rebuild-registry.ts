import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import type { EventStore } from '../event-store/event-store.js';
import { LedgerWriter } from './ledger-writer.js';
import {
  rebuildProjection,
  type AccountApplier,
  type RebuildOptions,
  type RebuildResult,
} from './rebuild.js';
import { dynamoDbEventScan } from './rebuild-scan.js';
import type { StreamConsumer } from '../event-store/event-stream.js';
import { SummaryWriter } from './summary-writer.js';
import { transfersProjector } from './transfer-writer.js';

/** What a projection's writer is built from (a subset of the handlers' Dependencies). */
export interface RebuildDeps {
  readonly client: DynamoDBDocumentClient;
  readonly store: EventStore;
  readonly config: Pick<Config, 'tables'>;
}

/** Builds the applier of one projection: how to apply one account's ordered, upcast events. */
export type ProjectionApplier = (deps: RebuildDeps) => AccountApplier;

/** A projection name the rebuild does not know. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(readonly projection: string) {
    super(`Unknown projection "${projection}"; known: ${projectionNames().join(', ')}`);
  }
}

/**
 * Adapts a stream consumer (which answers the position of its first failed event) to an applier
 * that throws instead, so a projection built as a StreamConsumer registers in one line.
 */
export const fromStreamConsumer =
  (consumer: StreamConsumer): AccountApplier =>
  async (accountId, events) => {
    const failedAt = await consumer.consume(events);
    if (failedAt !== undefined) {
      throw new Error(`${consumer.name} did not apply ${accountId} from event ${failedAt}`);
    }
  };

/** Every rebuildable read model, by name. Register a new one with a single line. */
const projections: Readonly<Record<string, ProjectionApplier>> = {
  AccountSummaries: ({ client, store, config }) => {
    const writer = new SummaryWriter({ client, table: config.tables.AccountSummaries, store });
    return (accountId, events) => writer.apply(accountId, events);
  },
  Ledger: ({ client, config }) => {
    const writer = new LedgerWriter(client, config.tables.Ledger);
    return (_accountId, events) => writer.apply(events);
  },
  // The read model only: the transfer process manager sends commands and is never replayed.
  Transfers: ({ client, config }) =>
    fromStreamConsumer(transfersProjector(client, config.tables.Transfers)),
};

/** The names `npm run rebuild` and the RebuildProjection function accept. */
export const projectionNames = (): string[] => Object.keys(projections);

/**
 * The applier of a projection by name.
 * @throws UnknownProjectionError for a name not in the registry.
 */
export const projectionApplier = (name: string, deps: RebuildDeps): AccountApplier => {
  const build = Object.hasOwn(projections, name) ? projections[name] : undefined;
  if (!build) {
    throw new UnknownProjectionError(name);
  }
  return build(deps);
};

/**
 * Replays the Events table through an applier: a projection's, or one that also republishes.
 */
export const replayEvents = async (
  deps: RebuildDeps,
  apply: AccountApplier,
  options: RebuildOptions & { readonly pageSize?: number } = {},
): Promise<RebuildResult> => {
  const { pageSize, ...rest } = options;
  const scan = dynamoDbEventScan({
    client: deps.client,
    table: deps.config.tables.Events,
    ...(pageSize === undefined ? {} : { pageSize }),
  });
  return await rebuildProjection(scan, apply, rest);
};

/**
 * Rebuilds a projection by name from the Events table (what `npm run rebuild` and the
 * RebuildProjection function run).
 * @throws UnknownProjectionError before reading anything when the name is not registered.
 */
export const rebuildByName = async (
  name: string,
  deps: RebuildDeps,
  options: RebuildOptions & { readonly pageSize?: number } = {},
): Promise<RebuildResult> => replayEvents(deps, projectionApplier(name, deps), options);
