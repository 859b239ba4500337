/**
 * Every DynamoDB table of Ledger, declared once as plain data. The CDK stack (lib/constructs) and the
 * local bootstrap (local/bootstrap-tables.ts) both build their tables from these specs, so the two
 * cannot drift. No CDK import here on purpose: the local runtime must not load aws-cdk-lib.
 */
import type { DeployedKeyStrategy } from './settings.js';

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalIndexSpec {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

/** A local secondary index: the table's partition key with another sort key (created with the table). */
export interface LocalIndexSpec {
  readonly indexName: string;
  readonly sortKey: KeyAttribute;
}

export interface TableSpec {
  /** Logical id (CDK construct id and the key in table-name configuration). Never rename. */
  readonly id: TableId;
  /** Environment variable that carries the physical table name into a Lambda or the local runtime. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes?: readonly GlobalIndexSpec[];
  readonly localIndexes?: readonly LocalIndexSpec[];
  readonly stream?: 'NEW_IMAGE';
  readonly timeToLiveAttribute?: string;
  /** Continuous backups (point-in-time recovery); unset: none. */
  readonly pointInTimeRecovery?: RecoverySpec;
  /** Holds what cannot be rebuilt: retained on stack deletion, with deletion protection. */
  readonly retain: boolean;
  /**
   * Losing every item changes no result, only speed (snapshots): a table whose key schema changed
   * may be dropped and created anew (CloudFormation replaces it; the local bootstrap recreates it).
   */
  readonly cache?: boolean;
}

/**
 * How many days back (DynamoDB allows 1 to 35) a table can be restored, per key strategy. A backup
 * of SubjectKeys under `kms-envelope` keeps an erased subject's data key restorable, so that window
 * is how long an erasure takes to reach the backups.
 */
export interface RecoverySpec {
  readonly recoveryPeriodInDays: number;
  readonly byKeyStrategy?: Partial<Readonly<Record<DeployedKeyStrategy, number>>>;
}

/** The point-in-time recovery window of a table under a key strategy, or undefined for none. */
export const recoveryPeriodInDays = (
  spec: TableSpec,
  strategy: DeployedKeyStrategy,
): number | undefined =>
  spec.pointInTimeRecovery &&
  (spec.pointInTimeRecovery.byKeyStrategy?.[strategy] ??
    spec.pointInTimeRecovery.recoveryPeriodInDays);

export type TableId =
  | 'Events'
  | 'Snapshots'
  | 'Commands'
  | 'SubjectKeys'
  | 'AccountSummaries'
  | 'Ledger'
  | 'Transfers'
  | 'Erasures'
  | 'Owners';

const accountId: KeyAttribute = { name: 'accountId', type: 'S' };
const version: KeyAttribute = { name: 'version', type: 'N' };
const fullWindow: RecoverySpec = { recoveryPeriodInDays: 35 };

export const tableSpecs = {
  Events: {
    id: 'Events',
    envVar: 'EVENTS_TABLE',
    partitionKey: accountId,
    sortKey: version,
    stream: 'NEW_IMAGE',
    pointInTimeRecovery: fullWindow,
    retain: true,
  },
  // Every snapshot is kept, one item per snapshot version (ADR 0100): time travel reads the one at
  // or below a version, or (byTime) the latest one at or before a time.
  Snapshots: {
    id: 'Snapshots',
    envVar: 'SNAPSHOTS_TABLE',
    partitionKey: accountId,
    sortKey: version,
    localIndexes: [{ indexName: 'byTime', sortKey: { name: 'occurredAt', type: 'S' } }],
    retain: false,
    cache: true,
  },
  Commands: {
    id: 'Commands',
    envVar: 'COMMANDS_TABLE',
    partitionKey: { name: 'commandId', type: 'S' },
    timeToLiveAttribute: 'expiresAt',
    // Idempotency records live 24 h: nothing to restore, and nothing to keep after the stack.
    retain: false,
  },
  SubjectKeys: {
    id: 'SubjectKeys',
    envVar: 'SUBJECT_KEYS_TABLE',
    partitionKey: { name: 'subjectId', type: 'S' },
    pointInTimeRecovery: { ...fullWindow, byKeyStrategy: { 'kms-envelope': 7 } },
    retain: true,
  },
  AccountSummaries: {
    id: 'AccountSummaries',
    envVar: 'ACCOUNT_SUMMARIES_TABLE',
    partitionKey: accountId,
    globalIndexes: [
      {
        indexName: 'byOwner',
        partitionKey: { name: 'ownerId', type: 'S' },
        sortKey: accountId,
      },
    ],
    retain: false,
  },
  Ledger: {
    id: 'Ledger',
    envVar: 'LEDGER_TABLE',
    partitionKey: accountId,
    sortKey: version,
    retain: false,
  },
  Transfers: {
    id: 'Transfers',
    envVar: 'TRANSFERS_TABLE',
    partitionKey: { name: 'transferId', type: 'S' },
    retain: false,
  },
  Erasures: {
    id: 'Erasures',
    envVar: 'ERASURES_TABLE',
    partitionKey: { name: 'subjectId', type: 'S' },
    pointInTimeRecovery: fullWindow,
    retain: true,
  },
  // Each owner's account ids, written in the opening's own transaction; erasure reads it.
  Owners: {
    id: 'Owners',
    envVar: 'OWNERS_TABLE',
    partitionKey: { name: 'ownerId', type: 'S' },
    pointInTimeRecovery: fullWindow,
    retain: true,
  },
} as const satisfies Record<TableId, TableSpec>;

export const allTableSpecs: readonly TableSpec[] = Object.values(tableSpecs);
