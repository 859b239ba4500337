import { loadConfig, type Config } from './config.js';
import {
  buildCoreDependencies,
  type CoreDependencies,
  type DependencyOverrides,
} from './core-dependencies.js';
import { erasureSideOf, type ErasureDependencies } from './erasure-dependencies.js';
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

/** Builds the dependency graph for a configuration (tests pass their own). */
export const buildDependencies = (
  config: Config,
  overrides: DependencyOverrides = {},
): Dependencies => {
  const core = buildCoreDependencies(config, overrides);
  const { history, accounts } = readSideOf(core);
  const { erasure } = erasureSideOf(core);
  return { ...streamSideOf(core), history, accounts, erasure };
};

let built: Dependencies | undefined;

/** The process-wide dependencies, built from the environment on first use (cold start). */
export const dependencies = (): Dependencies => {
  built ??= buildDependencies(loadConfig());
  return built;
};
