import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountService } from '../application/account-service.js';
import type { Clock } from '../application/ports.js';
import type { Config } from '../config.js';
import type { PersonalData } from '../crypto/index.js';
import type { CommandLog } from '../event-store/command-log.js';
import type { EventStore } from '../event-store/event-store.js';
import type { StreamConsumer } from '../event-store/event-stream.js';
import { TransferProcess } from './transfer-process.js';
import { TransferQueries } from '../projections/transfer-queries.js';

export { stepCommandId } from '../event-store/command-ids.js';
export { STEP_RECORD_TTL_SECONDS, type StepOutcome } from './process-records.js';
export { pendingTransferOf, type PendingTransfer } from './pending-transfer.js';
export { REPLAY_HORIZON_MS, TransferProcess, TransferStepError } from './transfer-process.js';

export interface TransfersDeps {
  readonly config: Pick<Config, 'tables'>;
  readonly client: DynamoDBDocumentClient;
  readonly service: AccountService;
  readonly store: EventStore;
  readonly commandLog: CommandLog;
  readonly personalData: PersonalData;
  readonly clock: Clock;
}

/** The transfer components the composition root wires in. */
export interface Transfers {
  /**
   * The stream consumers to append to the one Events stream consumer: the process manager (the
   * Transfers read model is a projection in projections/rebuild-registry.ts, like the others).
   */
  readonly consumers: readonly StreamConsumer[];
  /** The process manager alone: it writes commands, so it must never be part of a rebuild. */
  readonly process: TransferProcess;
  readonly queries: TransferQueries;
}

/**
 * Builds the transfer process manager and the transfer queries.
 * @example const transfers = createTransfers({ config, client, service, store, commandLog, personalData, clock });
 */
export const createTransfers = (deps: TransfersDeps): Transfers => {
  const table = deps.config.tables.Transfers;
  const process = new TransferProcess(deps);
  return {
    consumers: [process],
    process,
    queries: new TransferQueries(deps.client, table, deps.personalData),
  };
};
