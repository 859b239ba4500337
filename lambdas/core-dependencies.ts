import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountService } from './application/account-service.js';
import {
  systemClock,
  type Clock,
  type IdGenerator,
  type PersonalDataProtection,
} from './application/ports.js';
import { StateCache } from './application/state-cache.js';
import { loadConfig, type Config } from './config.js';
import {
  createKeyStore,
  createPersonalData,
  lazyKms,
  protectEventData,
  type Kms,
  type PersonalData,
} from './crypto/index.js';
import { createDocumentClient } from './dynamodb-client.js';
import type { CommandLog } from './event-store/command-log.js';
import { DynamoDbCommandLog } from './event-store/dynamodb-command-log.js';
import { DynamoDbEventStore } from './event-store/dynamodb-event-store.js';
import type { EventStore } from './event-store/event-store.js';
import { DynamoDbSnapshotStore, type SnapshotStore } from './event-store/snapshots.js';
import type { CommandDeps } from './http/command-endpoint.js';
import { currentTraceparent } from './log-scope.js';

/**
 * What every function needs: the configuration, the DynamoDB client, the event store, personal
 * data under the key strategy and the account service. The command functions need nothing else,
 * so their bundles carry no projection, transfer or erasure code (dependencies.ts adds those).
 */
export interface CoreDependencies {
  readonly config: Config;
  readonly client: DynamoDBDocumentClient;
  /** The KMS strategies' client, loaded on its first call (ADR 0175); undefined under `local`. */
  readonly kmsClient: Kms | undefined;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly store: EventStore;
  readonly commandLog: CommandLog;
  readonly personalData: PersonalData;
  readonly service: AccountService;
  readonly commands: CommandDeps;
  readonly snapshots: SnapshotStore;
}

/** What tests replace in a dependency graph. */
export interface DependencyOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly client?: DynamoDBDocumentClient;
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };

const protectionOf = (personalData: PersonalData): PersonalDataProtection => ({
  protect: (subjectId, binding, data) => protectEventData(personalData, subjectId, binding, data),
});

const documentClientOf = (config: Config): DynamoDBDocumentClient =>
  createDocumentClient({ endpoint: config.dynamoEndpoint, region: config.region });

/** Personal data under the configured key strategy (KMS only when the strategy needs it). */
const personalDataOf = (
  config: Config,
  client: DynamoDBDocumentClient,
): { personalData: PersonalData; kmsClient: Kms | undefined } => {
  const kmsClient =
    config.keyStrategy === 'local'
      ? undefined
      : lazyKms({ ...(config.region ? { region: config.region } : {}) });
  const keyStore = createKeyStore(config, {
    documentClient: client,
    ...(kmsClient ? { kmsClient } : {}),
    ...(config.awsAccountId ? { accountId: config.awsAccountId } : {}),
  });
  return { personalData: createPersonalData(keyStore), kmsClient };
};

/** Builds the core of the dependency graph for a configuration (tests pass their own). */
export const buildCoreDependencies = (
  config: Config,
  overrides: DependencyOverrides = {},
): CoreDependencies => {
  const client = overrides.client ?? documentClientOf(config);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? uuidGenerator;
  const store = new DynamoDbEventStore({
    client,
    eventsTable: config.tables.Events,
    commandsTable: config.tables.Commands,
    ownersTable: config.tables.Owners,
  });
  const commandLog = new DynamoDbCommandLog(client, config.tables.Commands);
  const { personalData, kmsClient } = personalDataOf(config, client);
  const snapshots = new DynamoDbSnapshotStore(client, config.tables.Snapshots);
  const service = new AccountService({
    store,
    commandLog,
    clock,
    ids,
    protection: protectionOf(personalData),
    cache: new StateCache(config.stateCacheSize),
    retry: { budgetMs: config.conflictBudgetMs, baseDelayMs: 5, maxDelayMs: 200 },
    snapshots: { store: snapshots, every: config.snapshotEvery },
    traceparent: currentTraceparent,
  });
  const commands = { service, commandLog, idempotencyTtlSeconds: config.idempotencyTtlSeconds };
  return {
    config,
    client,
    kmsClient,
    clock,
    ids,
    store,
    commandLog,
    personalData,
    service,
    commands,
    snapshots,
  };
};

let built: CoreDependencies | undefined;

/** The process-wide core dependencies, built from the environment on first use (cold start). */
export const coreDependencies = (): CoreDependencies => {
  built ??= buildCoreDependencies(loadConfig());
  return built;
};
