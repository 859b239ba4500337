import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from './config.js';
import type { CoreDependencies } from './core-dependencies.js';
import { partOnCore } from './part-dependencies.js';
import type { EventStore } from './event-store/event-store.js';
import { perAccount, type StreamConsumer } from './event-store/event-stream.js';
import { projectionApplier } from './projections/rebuild-registry.js';
import { createTransfers, type Transfers } from './transfers/index.js';

/** The stream consumer's graph: the core plus the projectors and the transfer process. */
export interface StreamDependencies extends CoreDependencies {
  readonly consumers: readonly StreamConsumer[];
  readonly transfers: Transfers;
}

/** The account read models, built by the same registry the rebuild uses, so the two cannot drift. */
const projectors = (
  config: Config,
  client: DynamoDBDocumentClient,
  store: EventStore,
): StreamConsumer[] =>
  ['AccountSummaries', 'Ledger'].map((name) => {
    const apply = projectionApplier(name, { client, store, config });
    return { name, consume: (events) => perAccount(events, apply) };
  });

/** The stream side on top of a core (dependencies.ts builds the same on the same core). */
export const streamSideOf = (core: CoreDependencies): StreamDependencies => {
  const { config, client, service, store, commandLog, personalData, clock } = core;
  const transfers = createTransfers({
    config,
    client,
    service,
    store,
    commandLog,
    personalData,
    clock,
  });
  return {
    ...core,
    consumers: [...projectors(config, client, store), ...transfers.consumers],
    transfers,
  };
};

const part = partOnCore(streamSideOf);

/** Builds the stream consumer's graph for a configuration (tests pass their own). */
export const buildStreamDependencies = part.build;

/** The process-wide stream dependencies, built on the process-wide core on first use (cold start). */
export const streamDependencies = part.processWide;
