/**
 * Every DynamoDB table of Ledger, declared once as plain data. The CDK stack (lib/constructs) and the
 * local bootstrap (local/bootstrap-tables.ts) both build their tables from these specs, so the two
 * cannot drift. No CDK import here on purpose: the local runtime must not load aws-cdk-lib.
 */
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

export interface TableSpec {
  /** Logical id (CDK construct id and the key in table-name configuration). Never rename. */
  readonly id: TableId;
  /** Environment variable that carries the physical table name into a Lambda or the local runtime. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes?: readonly GlobalIndexSpec[];
  readonly stream?: 'NEW_IMAGE';
  readonly timeToLiveAttribute?: string;
  /** Holds the source of truth (or keys): point-in-time recovery on, retained on stack deletion. */
  readonly stateful: boolean;
}

export type TableId =
  | 'Events'
  | 'Snapshots'
  | 'Commands'
  | 'SubjectKeys'
  | 'AccountSummaries'
  | 'Ledger'
  | 'Transfers'
  | 'Erasures';

const accountId: KeyAttribute = { name: 'accountId', type: 'S' };
const version: KeyAttribute = { name: 'version', type: 'N' };

export const tableSpecs = {
  Events: {
    id: 'Events',
    envVar: 'EVENTS_TABLE',
    partitionKey: accountId,
    sortKey: version,
    stream: 'NEW_IMAGE',
    stateful: true,
  },
  Snapshots: {
    id: 'Snapshots',
    envVar: 'SNAPSHOTS_TABLE',
    partitionKey: accountId,
    stateful: false,
  },
  Commands: {
    id: 'Commands',
    envVar: 'COMMANDS_TABLE',
    partitionKey: { name: 'commandId', type: 'S' },
    timeToLiveAttribute: 'expiresAt',
    stateful: true,
  },
  SubjectKeys: {
    id: 'SubjectKeys',
    envVar: 'SUBJECT_KEYS_TABLE',
    partitionKey: { name: 'subjectId', type: 'S' },
    stateful: true,
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
    stateful: false,
  },
  Ledger: {
    id: 'Ledger',
    envVar: 'LEDGER_TABLE',
    partitionKey: accountId,
    sortKey: version,
    stateful: false,
  },
  Transfers: {
    id: 'Transfers',
    envVar: 'TRANSFERS_TABLE',
    partitionKey: { name: 'transferId', type: 'S' },
    stateful: false,
  },
  Erasures: {
    id: 'Erasures',
    envVar: 'ERASURES_TABLE',
    partitionKey: { name: 'subjectId', type: 'S' },
    stateful: true,
  },
} as const satisfies Record<TableId, TableSpec>;

export const allTableSpecs: readonly TableSpec[] = Object.values(tableSpecs);
