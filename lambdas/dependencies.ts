import type { CoreDependencies } from './core-dependencies.js';
import { erasureSideOf, type ErasureDependencies } from './erasure-dependencies.js';
import { partOnCore } from './part-dependencies.js';
import { readSideOf, type ReadDependencies } from './read-dependencies.js';
import { streamSideOf, type StreamDependencies } from './stream-dependencies.js';

export { uuidGenerator } from './core-dependencies.js';

/**
 * Everything a handler needs, built once per cold start from the configuration. Each function
 * takes the smallest part it needs (core-, read-, erasure- or stream-dependencies.ts), so its
 * bundle carries only that; this whole graph serves the rebuild, the key sweeper and tests.
 */
export interface Dependencies
  extends
    CoreDependencies,
    Omit<ReadDependencies, 'transfers'>,
    ErasureDependencies,
    StreamDependencies {}

/** The whole graph on a core: every part's additions, each built once on that same core. */
const wholeGraphOf = (core: CoreDependencies): Dependencies => {
  const { history, accounts } = readSideOf(core);
  const { erasure } = erasureSideOf(core);
  return { ...streamSideOf(core), history, accounts, erasure };
};

const part = partOnCore(wholeGraphOf);

/** Builds the dependency graph for a configuration (tests pass their own). */
export const buildDependencies = part.build;

/** The process-wide dependencies, built on the process-wide core on first use (cold start). */
export const dependencies = part.processWide;
