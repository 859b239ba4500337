import type { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { allTableSpecs, recoveryPeriodInDays } from '../../lib/table-specs.js';
import { untilKeyDeletion, untilRecoveryWindowEnds, type BackupHorizon } from './backup-horizon.js';
import type { KeyStore, KeyWrapper } from './key-store.js';
import { KmsEnvelopeKeyWrapper } from './kms-envelope-wrapper.js';
import { subjectKeyPolicy } from './kms-subject-key-policy.js';
import { KmsSubjectKeyWrapper } from './kms-subject-key-wrapper.js';
import { LocalKeyWrapper } from './local-key-wrapper.js';
import { SubjectKeyStore } from './subject-key-store.js';
import { SubjectKeysTable } from './subject-keys-table.js';

export interface KeyStoreDeps {
  readonly documentClient: DynamoDBDocumentClient;
  /** Required by both KMS strategies. */
  readonly kmsClient?: KMSClient;
  /** AWS account id, for the key policy of per-subject keys (`kms-key-per-subject` only). */
  readonly accountId?: string;
  /** Current time for createdAt/erasedAt; injectable for tests. */
  readonly now?: () => Date;
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

const wrapperFor = (config: StrategyConfig, deps: KeyStoreDeps): KeyWrapper => {
  switch (config.keyStrategy) {
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

const horizonFor = (config: StrategyConfig): BackupHorizon =>
  config.keyStrategy === 'kms-key-per-subject'
    ? untilKeyDeletion(config.keyStrategy)
    : untilRecoveryWindowEnds(config.keyStrategy, envelopeRecoveryDays());

/**
 * Builds the KeyStore that `config.keyStrategy` names, over the SubjectKeys table. Fails fast (at
 * cold start) when the strategy's settings are missing.
 * @example
 * const keyStore = createKeyStore(config, { documentClient, kmsClient: new KMSClient({}) });
 */
export const createKeyStore = (config: StrategyConfig, deps: KeyStoreDeps): KeyStore =>
  new SubjectKeyStore({
    table: new SubjectKeysTable(deps.documentClient, config.tables.SubjectKeys),
    wrapper: wrapperFor(config, deps),
    horizon: horizonFor(config),
    ...(deps.now ? { now: deps.now } : {}),
  });
