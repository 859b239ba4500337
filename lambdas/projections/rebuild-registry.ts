import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { eventSchemas, isAccountEventType } from '../domain/account/index.js';
import type { EventStore } from '../event-store/event-store.js';
import { LedgerWriter } from './ledger-writer.js';
import { ledgerEventTypes } from './ledger.projection.js';
import { applierOf, type Projection } from './projection.js';
import {
  rebuildProjection,
  type AccountApplier,
  type RebuildOptions,
  type RebuildResult,
} from './rebuild.js';
import { dynamoDbEventScan } from './rebuild-scan.js';
import { SummaryWriter } from './summary-writer.js';
import { TransfersWriter } from './transfer-writer.js';
import { transferEventTypes } from './transfer.projection.js';

/** What a projection's writer is built from (a subset of the handlers' Dependencies). */
export interface RebuildDeps {
  readonly client: DynamoDBDocumentClient;
  readonly store: EventStore;
  readonly config: Pick<Config, 'tables'>;
}

/** Builds one projection from its dependencies. */
export type ProjectionBuilder = (deps: RebuildDeps) => Projection;

/** A projection name the registry does not know. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(readonly projection: string) {
    super(`Unknown projection "${projection}"; known: ${projectionNames().join(', ')}`);
  }
}

// The summary's version is the account's last version, so it sees every type.
const everyType = new Set(Object.keys(eventSchemas).filter(isAccountEventType));

/**
 * Every read model, by name: the stream consumer runs each of them live and the rebuild replays
 * any of them, through the same Projection. Register a new one with a single entry. The transfer
 * process manager sends commands, so it is a StreamConsumer of its own and never in this list.
 */
const projections: Readonly<Record<string, ProjectionBuilder>> = {
  AccountSummaries: ({ client, store, config }) => {
    const writer = new SummaryWriter({ client, table: config.tables.AccountSummaries, store });
    return {
      name: 'AccountSummaries',
      handles: everyType,
      apply: (accountId, events) => writer.apply(accountId, events),
    };
  },
  Ledger: ({ client, config }) => {
    const writer = new LedgerWriter(client, config.tables.Ledger);
    return {
      name: 'Ledger',
      handles: ledgerEventTypes,
      apply: (_id, events) => writer.apply(events),
    };
  },
  // Rows are per transfer, whose events come from two accounts: each write is revision-guarded.
  Transfers: ({ client, config }) => {
    const writer = new TransfersWriter(client, config.tables.Transfers);
    return {
      name: 'Transfers',
      handles: transferEventTypes,
      apply: (_id, events) => writer.apply(events),
    };
  },
};

/** The names `npm run rebuild` and the RebuildProjection function accept. */
export const projectionNames = (): string[] => Object.keys(projections);

/**
 * A projection by name.
 * @throws UnknownProjectionError for a name not in the registry.
 */
export const projectionByName = (name: string, deps: RebuildDeps): Projection => {
  const build = Object.hasOwn(projections, name) ? projections[name] : undefined;
  if (!build) {
    throw new UnknownProjectionError(name);
  }
  return build(deps);
};

/** Every registered projection, in registry order (what the stream consumer runs live). */
export const allProjections = (deps: RebuildDeps): Projection[] =>
  projectionNames().map((name) => projectionByName(name, deps));

/**
 * The applier of a projection by name: what the rebuild replays an account's run through.
 * @throws UnknownProjectionError for a name not in the registry.
 */
export const projectionApplier = (name: string, deps: RebuildDeps): AccountApplier =>
  applierOf(projectionByName(name, deps));

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
