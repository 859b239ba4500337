import { AccountHistory } from './application/account-history.js';
import {
  buildCoreDependencies,
  coreDependencies,
  type CoreDependencies,
  type DependencyOverrides,
} from './core-dependencies.js';
import type { Config } from './config.js';
import { AccountQueries } from './projections/account-queries.js';
import { ReadModelQueries } from './projections/queries.js';
import { TransferQueries } from './projections/transfer-queries.js';

/** The query functions' graph: the core plus the read models and the account history. */
export interface ReadDependencies extends CoreDependencies {
  readonly history: AccountHistory;
  /** The account read models, owner-checked and revealed. */
  readonly accounts: AccountQueries;
  readonly transfers: { readonly queries: TransferQueries };
}

/** The read side on top of a core (dependencies.ts builds the same on top of the same core). */
export const readSideOf = (core: CoreDependencies): ReadDependencies => {
  const { client, config, store, personalData, snapshots } = core;
  return {
    ...core,
    history: new AccountHistory(store, personalData, snapshots, config.snapshotEvery),
    accounts: new AccountQueries(
      new ReadModelQueries(client, {
        accountSummaries: config.tables.AccountSummaries,
        ledger: config.tables.Ledger,
      }),
      personalData,
    ),
    transfers: { queries: new TransferQueries(client, config.tables.Transfers, personalData) },
  };
};

/** Builds the read side's graph for a configuration (tests pass their own). */
export const buildReadDependencies = (
  config: Config,
  overrides: DependencyOverrides = {},
): ReadDependencies => readSideOf(buildCoreDependencies(config, overrides));

let built: ReadDependencies | undefined;

/** The process-wide read dependencies, built from the environment on first use (cold start). */
export const readDependencies = (): ReadDependencies => {
  // On the process-wide core: one per Lambda container, and one for all functions in the local
  // runtime, whose functions then share caches as they did in one graph (a key erased is gone).
  built ??= readSideOf(coreDependencies());
  return built;
};
