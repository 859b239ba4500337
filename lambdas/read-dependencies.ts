import { AccountHistory } from './application/account-history.js';
import type { CoreDependencies } from './core-dependencies.js';
import { partOnCore } from './part-dependencies.js';
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

const part = partOnCore(readSideOf);

/** Builds the read side's graph for a configuration (tests pass their own). */
export const buildReadDependencies = part.build;

/** The process-wide read dependencies, built on the process-wide core on first use (cold start). */
export const readDependencies = part.processWide;
