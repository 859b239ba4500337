import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountHistory } from './application/account-history.js';
import { ErasureService } from './application/erasure-service.js';
import { AccountService } from './application/account-service.js';
import {
  systemClock,
  type Clock,
  type IdGenerator,
  type PersonalDataProtection,
  type UserDirectory,
} from './application/ports.js';
import { StateCache } from './application/state-cache.js';
import { loadConfig, type Config } from './config.js';
import {
  createKeyStore,
  createPersonalData,
  protectEventData,
  type PersonalData,
} from './crypto/index.js';
import { createDocumentClient } from './dynamodb-client.js';
import { CognitoUserDirectory } from './identity/cognito-user-directory.js';
import { DynamoDbEventStore } from './event-store/dynamodb-event-store.js';
import type { EventStore } from './event-store/event-store.js';
import { DynamoDbErasureAudit } from './event-store/erasure-audit-table.js';
import { DynamoDbOwnerRegistry } from './event-store/owners.js';
import { DynamoDbSnapshotStore, type SnapshotStore } from './event-store/snapshots.js';
import type { CommandDeps } from './http/command-endpoint.js';
import { currentTraceparent } from './log-scope.js';
import { AccountQueries } from './projections/account-queries.js';
import { ReadModelQueries } from './projections/queries.js';
import { projectionApplier } from './projections/rebuild-registry.js';
import { perAccount, type StreamConsumer } from './event-store/event-stream.js';
import { createTransfers, type Transfers } from './transfers/index.js';

/** Everything a handler needs, built once per cold start from the configuration. */
export interface Dependencies {
  readonly config: Config;
  readonly client: DynamoDBDocumentClient;
  /** Both KMS strategies; undefined under `local`. */
  readonly kmsClient: KMSClient | undefined;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly store: EventStore;
  readonly personalData: PersonalData;
  readonly service: AccountService;
  readonly commands: CommandDeps;
  readonly history: AccountHistory;
  readonly snapshots: SnapshotStore;
  readonly erasure: ErasureService;
  /** The account read models, owner-checked and revealed. */
  readonly accounts: AccountQueries;
  readonly consumers: readonly StreamConsumer[];
  readonly transfers: Transfers;
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };

const protectionOf = (personalData: PersonalData): PersonalDataProtection => ({
  protect: (subjectId, binding, data) => protectEventData(personalData, subjectId, binding, data),
});

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

const documentClientOf = (config: Config): DynamoDBDocumentClient =>
  createDocumentClient({ endpoint: config.dynamoEndpoint, region: config.region });

/** Personal data under the configured key strategy (KMS only when the strategy needs it). */
const personalDataOf = (
  config: Config,
  client: DynamoDBDocumentClient,
): { personalData: PersonalData; kmsClient: KMSClient | undefined } => {
  const kmsClient =
    config.keyStrategy === 'local'
      ? undefined
      : new KMSClient({ ...(config.region ? { region: config.region } : {}) });
  const keyStore = createKeyStore(config, {
    documentClient: client,
    ...(kmsClient ? { kmsClient } : {}),
    ...(config.awsAccountId ? { accountId: config.awsAccountId } : {}),
  });
  return { personalData: createPersonalData(keyStore), kmsClient };
};

/** The stack's own user pool, only when configuration names one (never locally). */
const usersOf = (config: Config): { users?: UserDirectory } =>
  config.cognitoUserPoolId
    ? {
        users: new CognitoUserDirectory(
          new CognitoIdentityProviderClient({
            ...(config.region ? { region: config.region } : {}),
          }),
          config.cognitoUserPoolId,
        ),
      }
    : {};

/** Builds the dependency graph for a configuration (tests pass their own). */
export const buildDependencies = (
  config: Config,
  overrides: { clock?: Clock; ids?: IdGenerator; client?: DynamoDBDocumentClient } = {},
): Dependencies => {
  const client = overrides.client ?? documentClientOf(config);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? uuidGenerator;
  const store = new DynamoDbEventStore({
    client,
    eventsTable: config.tables.Events,
    commandsTable: config.tables.Commands,
    ownersTable: config.tables.Owners,
  });
  const { personalData, kmsClient } = personalDataOf(config, client);
  const snapshots = new DynamoDbSnapshotStore(client, config.tables.Snapshots);
  const service = new AccountService({
    store,
    clock,
    ids,
    protection: protectionOf(personalData),
    cache: new StateCache(config.stateCacheSize),
    retry: { budgetMs: config.conflictBudgetMs, baseDelayMs: 5, maxDelayMs: 200 },
    snapshots: { store: snapshots, every: config.snapshotEvery },
    traceparent: currentTraceparent,
  });
  const rows = new ReadModelQueries(client, {
    accountSummaries: config.tables.AccountSummaries,
    ledger: config.tables.Ledger,
  });
  const commands = { service, store, clock, idempotencyTtlSeconds: config.idempotencyTtlSeconds };
  const transfers = createTransfers({ config, client, service, store, personalData, clock });
  return {
    config,
    client,
    kmsClient,
    clock,
    ids,
    store,
    personalData,
    service,
    commands,
    history: new AccountHistory(store, personalData, snapshots, config.snapshotEvery),
    snapshots,
    erasure: new ErasureService({
      personalData,
      service,
      store,
      snapshots,
      audit: new DynamoDbErasureAudit(client, config.tables.Erasures),
      owners: new DynamoDbOwnerRegistry(client, config.tables.Owners),
      clock,
      ids,
      ...usersOf(config),
    }),
    accounts: new AccountQueries(rows, personalData),
    consumers: [...projectors(config, client, store), ...transfers.consumers],
    transfers,
  };
};

let built: Dependencies | undefined;

/** The process-wide dependencies, built from the environment on first use (cold start). */
export const dependencies = (): Dependencies => {
  built ??= buildDependencies(loadConfig());
  return built;
};
