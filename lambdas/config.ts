import { allTableSpecs, type TableId } from '../lib/table-specs.js';
import { webhookUrlsOf } from './webhook-urls.js';

/**
 * The function roles a subject key's policy names, by what they do with it (role ARNs, passed in
 * by the stack as configuration).
 */
export interface KeyUsers {
  /** Unwrap a subject's data key (`kms:Decrypt`). */
  readonly decrypt: readonly string[];
  /** Create subject keys: generate the data key and alias the key. */
  readonly encrypt: readonly string[];
  /** Disable and schedule the deletion of a key: erasure and the orphan-key sweeper. */
  readonly retire: readonly string[];
}

export type KeyStrategy = 'kms-key-per-subject' | 'kms-envelope' | 'kms-epoch' | 'local';

/** Settings read once from the environment. The only module that reads `process.env`. */
export interface Config {
  readonly tables: Record<TableId, string>;
  /** DynamoDB Local's URL (local runtime and tests); unset on AWS. */
  readonly dynamoEndpoint: string | undefined;
  readonly region: string | undefined;
  /** AWS account id, for the key policy of per-subject KMS keys. */
  readonly awsAccountId: string | undefined;
  readonly keyStrategy: KeyStrategy;
  /** `kms-envelope`: the one KMS key that wraps every subject's data key. */
  readonly kmsEnvelopeKeyId: string | undefined;
  /** `kms-key-per-subject`: prefix of each subject key's alias (`alias/<prefix>/<opaque id>`). */
  readonly kmsAliasPrefix: string;
  /** Tag key/value set on every subject key (CreateKey's IAM condition; the sweeper finds by it). */
  readonly kmsTagKey: string;
  readonly kmsTagValue: string;
  /** `kms-key-per-subject`: the function roles each new key's policy names, by what they do. */
  readonly kmsKeyUsers: KeyUsers;
  /** `local`: path of the master key file (created with mode 0600 on first start). */
  readonly localMasterKeyFile: string;
  /** `local`: wrap under rotating epoch keys (files beside the master key file), as `kms-epoch`. */
  readonly localKeyEpochs: boolean;
  /** `kms-epoch` (and `local` with epochs): days an epoch key wraps new data keys. */
  readonly keyEpochDays: number;
  /** `kms-epoch`: the first epoch's KMS key, created by the stack (ADR 0153). */
  readonly kmsFirstEpochKeyId: string | undefined;
  readonly snapshotEvery: number;
  readonly idempotencyTtlSeconds: number;
  /** Time budget for retrying version conflicts before answering 409. */
  readonly conflictBudgetMs: number;
  readonly stateCacheSize: number;
  /** The stack's own Cognito user pool: erasure deletes the subject's user there. Unset: none. */
  readonly cognitoUserPoolId: string | undefined;
  /** The stack's EventBridge bus: the stream consumer publishes integration events to it. */
  readonly eventBusName: string | undefined;
  /** Loopback webhooks that receive integration events locally (refused unless loopback). */
  readonly webhookUrls: readonly string[];
}

const strategies: readonly KeyStrategy[] = [
  'kms-key-per-subject',
  'kms-envelope',
  'kms-epoch',
  'local',
];

const positiveInt = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new Error(`${name} must be a non-negative integer`);
  }
  return parsed;
};

const roleList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');

const keyStrategyOf = (value = 'local'): KeyStrategy => {
  const strategy = strategies.find((candidate) => candidate === value);
  if (!strategy) {
    throw new Error(`KEY_STRATEGY must be one of ${strategies.join(', ')}`);
  }
  return strategy;
};

// Where integration events go: the stack's bus on AWS, loopback webhooks locally.
const integrationOf = (
  env: Readonly<Record<string, string | undefined>>,
): Pick<Config, 'eventBusName' | 'webhookUrls'> => ({
  eventBusName: env['EVENT_BUS_NAME'] || undefined,
  webhookUrls: webhookUrlsOf(env['INTEGRATION_WEBHOOK_URLS']),
});

// The KMS settings the stack passes (lib/constructs/subject-keys.ts, epoch-keys.ts).
const kmsOf = (
  env: Readonly<Record<string, string | undefined>>,
): Pick<
  Config,
  | 'kmsEnvelopeKeyId'
  | 'kmsAliasPrefix'
  | 'kmsTagKey'
  | 'kmsTagValue'
  | 'kmsKeyUsers'
  | 'kmsFirstEpochKeyId'
> => ({
  kmsEnvelopeKeyId: env['KMS_ENVELOPE_KEY_ID'],
  kmsAliasPrefix: env['KMS_ALIAS_PREFIX'] ?? 'ledger-subject',
  kmsTagKey: env['KMS_TAG_KEY'] ?? 'ledger:purpose',
  kmsTagValue: env['KMS_TAG_VALUE'] ?? 'subject-data-key',
  kmsKeyUsers: {
    decrypt: roleList(env['KMS_DECRYPT_ROLE_ARNS']),
    encrypt: roleList(env['KMS_ENCRYPT_ROLE_ARNS']),
    retire: roleList(env['KMS_RETIRE_ROLE_ARNS']),
  },
  kmsFirstEpochKeyId: env['KMS_FIRST_EPOCH_KEY_ID'] || undefined,
});

/** Reads the configuration from an environment (defaults to `process.env`). */
export const loadConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config => {
  const prefix = env['TABLE_PREFIX'] ?? 'ledger-';
  const tables = Object.fromEntries(
    allTableSpecs.map((spec) => [spec.id, env[spec.envVar] ?? `${prefix}${spec.id}`]),
  ) as Record<TableId, string>;
  return {
    tables,
    dynamoEndpoint: env['DYNAMODB_ENDPOINT'],
    region: env['AWS_REGION'],
    awsAccountId: env['AWS_ACCOUNT_ID'],
    keyStrategy: keyStrategyOf(env['KEY_STRATEGY']),
    ...kmsOf(env),
    localMasterKeyFile: env['LOCAL_MASTER_KEY_FILE'] ?? '.data/master.key',
    localKeyEpochs: env['LOCAL_KEY_EPOCHS'] === 'true',
    keyEpochDays: positiveInt(env['KEY_EPOCH_DAYS'], 30, 'KEY_EPOCH_DAYS'),
    snapshotEvery: positiveInt(env['SNAPSHOT_EVERY'], 100, 'SNAPSHOT_EVERY'),
    idempotencyTtlSeconds: positiveInt(
      env['IDEMPOTENCY_TTL_SECONDS'],
      86_400,
      'IDEMPOTENCY_TTL_SECONDS',
    ),
    conflictBudgetMs: positiveInt(env['CONFLICT_BUDGET_MS'], 3_000, 'CONFLICT_BUDGET_MS'),
    stateCacheSize: positiveInt(env['STATE_CACHE_SIZE'], 1_000, 'STATE_CACHE_SIZE'),
    cognitoUserPoolId: env['COGNITO_USER_POOL_ID'] || undefined,
    ...integrationOf(env),
  };
};

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** How log lines are written: JSON (Lambda, CloudWatch) or one readable line (a local terminal). */
export interface LogSettings {
  readonly level: LogLevel;
  readonly format: 'json' | 'text';
}

const logLevels: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'];

/**
 * Reads LOG_LEVEL (or the POWERTOOLS_LOG_LEVEL the stack sets; INFO by default) and LOG_FORMAT
 * (`json` by default, `text` from the local runtime). Read on every line, so the local runtime can
 * set them after the logger is imported; an unknown value falls back to the default.
 */
export const loadLogSettings = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): LogSettings => {
  const level = (env['LOG_LEVEL'] ?? env['POWERTOOLS_LOG_LEVEL'] ?? 'INFO').toUpperCase();
  return {
    level: logLevels.find((candidate) => candidate === level) ?? 'INFO',
    format: env['LOG_FORMAT'] === 'text' ? 'text' : 'json',
  };
};
