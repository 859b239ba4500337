import type { Clock } from '../application/ports.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { allTableSpecs, recoveryPeriodInDays } from '../../lib/table-specs.js';
import { dirname, join } from 'node:path';
import { untilKeyDeletion, untilRecoveryWindowEnds, type BackupHorizon } from './backup-horizon.js';
import { EpochKeyWrapper, untilEpochKeyDeletion } from './epoch-key-wrapper.js';
import { EPOCH_KEY_SETTLE_MS, KmsEpochKeys, type EpochKeys } from './epoch-keys.js';
import { EpochRotation } from './epoch-rotation.js';
import { KeyEpochsTable } from './key-epochs.js';
import { LocalEpochKeys } from './local-epoch-keys.js';
import type { KeyStore, KeyWrapper } from './key-store.js';
import type { Kms } from './kms-client.js';
import { KmsEnvelopeKeyWrapper } from './kms-envelope-wrapper.js';
import { subjectKeyPolicy } from './kms-subject-key-policy.js';
import { KmsSubjectKeyWrapper } from './kms-subject-key-wrapper.js';
import { LocalKeyWrapper } from './local-key-wrapper.js';
import { SubjectKeyStore } from './subject-key-store.js';
import { SubjectKeysTable } from './subject-keys-table.js';

export interface KeyStoreDeps {
  readonly documentClient: DynamoDBDocumentClient;
  /** Required by the KMS strategies; loaded on its first call (see kms-client.ts). */
  readonly kmsClient?: Kms;
  /** AWS account id, for the key policy of per-subject keys (`kms-key-per-subject` only). */
  readonly accountId?: string;
  /** Current time for createdAt/erasedAt and epochs; injectable for tests. */
  readonly clock?: Clock;
  /** Waits between retries on a KMS key created a moment ago; injectable for tests. */
  readonly kmsRetryDelaysMs?: readonly number[];
}

type StrategyConfig = Pick<
  Config,
  | 'tables'
  | 'region'
  | 'keyStrategy'
  | 'kmsEnvelopeKeyId'
  | 'kmsAliasPrefix'
  | 'kmsTagKey'
  | 'kmsTagValue'
  | 'kmsKeyUsers'
  | 'localMasterKeyFile'
  | 'localKeyEpochs'
  | 'keyEpochDays'
  | 'kmsFirstEpochKeyId'
>;

const required = <T>(value: T | undefined, message: string): T => {
  if (value === undefined || value === '') {
    throw new Error(message);
  }
  return value;
};

const partitionOf = (region = ''): string => {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
};

const subjectKeyWrapper = (config: StrategyConfig, deps: KeyStoreDeps): KmsSubjectKeyWrapper => {
  const users = config.kmsKeyUsers;
  if (users.decrypt.length === 0 || users.encrypt.length === 0) {
    throw new Error('kms-key-per-subject needs KMS_DECRYPT_ROLE_ARNS and KMS_ENCRYPT_ROLE_ARNS');
  }
  return new KmsSubjectKeyWrapper(
    required(deps.kmsClient, 'kms-key-per-subject needs a KMS client'),
    {
      aliasPrefix: config.kmsAliasPrefix,
      tagKey: config.kmsTagKey,
      tagValue: config.kmsTagValue,
      keyPolicy: subjectKeyPolicy({
        accountId: required(deps.accountId, 'kms-key-per-subject needs the AWS account id'),
        partition: partitionOf(config.region),
        users,
      }),
      ...(deps.kmsRetryDelaysMs ? { settlingDelaysMs: deps.kmsRetryDelaysMs } : {}),
    },
  );
};

/** Whether the strategy wraps under rotating epoch keys. */
const usesEpochs = (config: StrategyConfig): boolean =>
  config.keyStrategy === 'kms-epoch' || (config.keyStrategy === 'local' && config.localKeyEpochs);

const epochKeysFor = (config: StrategyConfig, deps: KeyStoreDeps): EpochKeys =>
  config.keyStrategy === 'kms-epoch'
    ? new KmsEpochKeys(required(deps.kmsClient, 'kms-epoch needs a KMS client'), {
        tagKey: config.kmsTagKey,
        tagValue: config.kmsTagValue,
        ...(deps.clock ? { clock: deps.clock } : {}),
      })
    : new LocalEpochKeys(join(dirname(config.localMasterKeyFile), 'epochs'), deps.clock);

/**
 * The rotation of `kms-epoch` (or `local` with epochs) over SubjectKeys: what the scheduled
 * rotation function and `npm run rotate-keys` run.
 */
export const createEpochRotation = (
  config: StrategyConfig,
  deps: KeyStoreDeps,
  options: { timeLeftMs?: () => number; settleMs?: number } = {},
): EpochRotation => {
  const onKms = config.keyStrategy === 'kms-epoch';
  return new EpochRotation(
    new KeyEpochsTable(deps.documentClient, config.tables.SubjectKeys),
    epochKeysFor(config, deps),
    {
      periodDays: config.keyEpochDays,
      ...(deps.clock ? { clock: deps.clock } : {}),
      // On AWS a new key's tags must take effect before any function wraps under it.
      settleMs: onKms ? EPOCH_KEY_SETTLE_MS : 0,
      ...(onKms && config.kmsFirstEpochKeyId ? { firstKeyRef: config.kmsFirstEpochKeyId } : {}),
      ...options,
    },
  );
};

const wrapperFor = (config: StrategyConfig, deps: KeyStoreDeps): KeyWrapper => {
  if (usesEpochs(config)) {
    return new EpochKeyWrapper(epochKeysFor(config, deps), createEpochRotation(config, deps));
  }
  switch (config.keyStrategy) {
    case 'kms-epoch':
    case 'local':
      return new LocalKeyWrapper(config.localMasterKeyFile);
    case 'kms-envelope':
      return new KmsEnvelopeKeyWrapper(
        required(deps.kmsClient, 'kms-envelope needs a KMS client'),
        required(config.kmsEnvelopeKeyId, 'kms-envelope needs KMS_ENVELOPE_KEY_ID'),
      );
    case 'kms-key-per-subject':
      return subjectKeyWrapper(config, deps);
  }
};

const subjectKeysSpec = allTableSpecs.find((spec) => spec.id === 'SubjectKeys');

/**
 * The SubjectKeys point-in-time recovery window the stack deploys under `kms-envelope`; `local`
 * stands in for that strategy (one shared master key), so it answers the same.
 */
const envelopeRecoveryDays = (): number => {
  const days = subjectKeysSpec && recoveryPeriodInDays(subjectKeysSpec, 'kms-envelope');
  if (days === undefined) {
    throw new Error('SubjectKeys must have point-in-time recovery under kms-envelope');
  }
  return days;
};

const horizonFor = (config: StrategyConfig, deps: KeyStoreDeps): BackupHorizon => {
  if (usesEpochs(config)) {
    return untilEpochKeyDeletion(config.keyStrategy, createEpochRotation(config, deps));
  }
  return config.keyStrategy === 'kms-key-per-subject'
    ? untilKeyDeletion(config.keyStrategy)
    : untilRecoveryWindowEnds(config.keyStrategy, envelopeRecoveryDays());
};

/**
 * Builds the KeyStore that `config.keyStrategy` names, over the SubjectKeys table. Fails fast (at
 * cold start) when the strategy's settings are missing.
 * @example
 * const keyStore = createKeyStore(config, { documentClient, kmsClient: lazyKms({ region }) });
 */
export const createKeyStore = (config: StrategyConfig, deps: KeyStoreDeps): KeyStore =>
  new SubjectKeyStore({
    table: new SubjectKeysTable(deps.documentClient, config.tables.SubjectKeys),
    wrapper: wrapperFor(config, deps),
    horizon: horizonFor(config, deps),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
