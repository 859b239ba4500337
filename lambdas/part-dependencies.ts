import type { Config } from './config.js';
import {
  buildCoreDependencies,
  coreDependencies,
  type CoreDependencies,
  type DependencyOverrides,
} from './core-dependencies.js';

/** One kind of function's part of the graph (ADR 0162): built for a configuration, or process-wide. */
export interface DependencyPart<D> {
  /** Builds the part on a core of its own, for a configuration (tests pass their own). */
  readonly build: (config: Config, overrides?: DependencyOverrides) => D;
  /** The process-wide part, built from the environment on first use (cold start). */
  readonly processWide: () => D;
}

/**
 * The part that `partOf` builds on a core. Process-wide it stands on the process-wide core: one per
 * Lambda container, and one for all functions in the local runtime, whose functions then share
 * caches as they did in one graph (a key erased is gone from all of them at once).
 */
export const partOnCore = <D>(partOf: (core: CoreDependencies) => D): DependencyPart<D> => {
  let built: D | undefined;
  return {
    build: (config, overrides = {}) => partOf(buildCoreDependencies(config, overrides)),
    processWide: () => {
      built ??= partOf(coreDependencies());
      return built;
    },
  };
};
