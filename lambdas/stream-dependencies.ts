import type { CoreDependencies } from './core-dependencies.js';
import { partOnCore } from './part-dependencies.js';
import type { StreamConsumer } from './event-store/event-stream.js';
import { projectionConsumer } from './projections/projection.js';
import { allProjections } from './projections/rebuild-registry.js';
import { createTransfers, type Transfers } from './transfers/index.js';

/** The stream consumer's graph: the core plus every projection and the transfer process. */
export interface StreamDependencies extends CoreDependencies {
  readonly consumers: readonly StreamConsumer[];
  readonly transfers: Transfers;
}

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
    // Every read model from the registry the rebuild uses, so live and rebuild cannot drift.
    consumers: [
      ...allProjections({ client, store, config }).map(projectionConsumer),
      ...transfers.consumers,
    ],
    transfers,
  };
};

const part = partOnCore(streamSideOf);

/** Builds the stream consumer's graph for a configuration (tests pass their own). */
export const buildStreamDependencies = part.build;

/** The process-wide stream dependencies, built on the process-wide core on first use (cold start). */
export const streamDependencies = part.processWide;
