/**
 * Every function as plain data: construct ids, handler files, routes, table and key access. The
 * CDK stack and the local server read it; it imports nothing from lambdas/ nor aws-cdk-lib.
 */
import type { TableId } from './table-specs.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What a function does with a table; the stack grants exactly these actions and no others. */
export type TableAccess = 'read' | 'write' | 'read-write';

/** What a function may do with personal-data keys (`sweep`, `rotate`: see the specs below). */
export type KeyAccess = 'encrypt' | 'decrypt' | 'encrypt-decrypt' | 'erase' | 'sweep' | 'rotate';

export interface FunctionSpec {
  /** CDK construct id, PascalCase. Never rename. */
  readonly id: string;
  /** File under lambdas/handlers/ (without .ts) that exports `handler`. */
  readonly handler: string;
  readonly tables: Partial<Record<TableId, TableAccess>>;
  readonly keys?: KeyAccess;
}

export interface RouteSpec extends FunctionSpec {
  readonly method: HttpMethod;
  /** API Gateway path with `{name}` parameters. */
  readonly path: string;
}

const commandTables = {
  Events: 'read-write',
  Commands: 'read-write',
  Snapshots: 'read-write',
} as const;

/** The read models: the stream consumer keeps them, the rebuild replays into them. */
const readModels = {
  AccountSummaries: 'read-write',
  Ledger: 'read-write',
  Transfers: 'read-write',
} as const;

/** What an erasure writes and reads: the route and its scheduled resumer alike. */
const erasureTables = {
  Events: 'read-write',
  Snapshots: 'read-write',
  SubjectKeys: 'read-write',
  Erasures: 'read-write',
  Owners: 'read-write',
  // The credit decisions of transfers sent from the subject's accounts (ADR 0097).
  Commands: 'read',
} as const satisfies FunctionSpec['tables'];

/**
 * The one route table: the CDK stack builds an API route and a function per entry, and the local
 * server dispatches by it, so local and deployed routes cannot drift.
 */
export const routes = [
  {
    id: 'OpenAccount',
    method: 'POST',
    path: '/accounts',
    handler: 'open-account',
    // Owners: the opening registers the account under its owner, in the same transaction.
    tables: { ...commandTables, SubjectKeys: 'read-write', Erasures: 'read', Owners: 'write' },
    // Decrypt too: a subject's existing data key is unwrapped, not generated again.
    keys: 'encrypt-decrypt',
  },
  {
    id: 'DepositMoney',
    method: 'POST',
    path: '/accounts/{id}/deposits',
    handler: 'deposit-money',
    tables: commandTables,
  },
  {
    id: 'WithdrawMoney',
    method: 'POST',
    path: '/accounts/{id}/withdrawals',
    handler: 'withdraw-money',
    tables: commandTables,
  },
  {
    id: 'CloseAccount',
    method: 'POST',
    path: '/accounts/{id}/close',
    handler: 'close-account',
    tables: commandTables,
  },
  {
    id: 'ListAccounts',
    method: 'GET',
    path: '/accounts',
    handler: 'list-accounts',
    tables: { AccountSummaries: 'read', SubjectKeys: 'read' },
    keys: 'decrypt',
  },
  {
    id: 'GetAccount',
    method: 'GET',
    path: '/accounts/{id}',
    handler: 'get-account',
    tables: { AccountSummaries: 'read', SubjectKeys: 'read' },
    keys: 'decrypt',
  },
  {
    id: 'ListTransactions',
    method: 'GET',
    path: '/accounts/{id}/transactions',
    handler: 'list-transactions',
    tables: { AccountSummaries: 'read', Ledger: 'read' },
  },
  {
    id: 'ListEvents',
    method: 'GET',
    path: '/accounts/{id}/events',
    handler: 'list-events',
    tables: { Events: 'read', SubjectKeys: 'read' },
    keys: 'decrypt',
  },
  {
    id: 'GetState',
    method: 'GET',
    path: '/accounts/{id}/state',
    handler: 'get-state',
    tables: { Events: 'read', Snapshots: 'read', SubjectKeys: 'read' },
    keys: 'decrypt',
  },
  {
    id: 'ErasePersonalData',
    method: 'DELETE',
    path: '/me/personal-data',
    handler: 'erase-personal-data',
    tables: erasureTables,
    keys: 'erase',
  },
  {
    id: 'StartTransfer',
    method: 'POST',
    path: '/transfers',
    handler: 'start-transfer',
    // The transfer reference is personal data, encrypted under the sender's key.
    tables: { ...commandTables, Transfers: 'read', SubjectKeys: 'read-write', Erasures: 'read' },
    keys: 'encrypt-decrypt',
  },
  {
    id: 'GetTransfer',
    method: 'GET',
    path: '/transfers/{id}',
    handler: 'get-transfer',
    tables: { Transfers: 'read', SubjectKeys: 'read' },
    keys: 'decrypt',
  },
] as const satisfies readonly RouteSpec[];

/** The one Events stream consumer: every projector and the transfer process manager. */
export const streamConsumer = {
  id: 'StreamConsumer',
  handler: 'stream-consumer',
  tables: {
    ...commandTables,
    ...readModels,
    // The transfer process reads the sender's reference and records it again under the
    // receiver's existing key (ADR 0150): both data keys are unwrapped, never created here.
    SubjectKeys: 'read',
  },
  keys: 'decrypt',
} as const satisfies FunctionSpec;

/** Replays the Events table into an empty read table (`npm run rebuild` runs the same code). */
export const rebuildFunction = {
  id: 'RebuildProjection',
  handler: 'rebuild-projection',
  tables: { Events: 'read', ...readModels },
} as const satisfies FunctionSpec;

/** Retires per-subject KMS keys no SubjectKeys record uses, on a schedule: kms-key-per-subject only. */
export const keySweeper = {
  id: 'SweepSubjectKeys',
  handler: 'sweep-subject-keys',
  tables: { SubjectKeys: 'read' },
  keys: 'sweep',
} as const satisfies FunctionSpec;

/** Finishes started, unfinished erasures on a schedule (ADR 0095): the erasure route's access. */
export const erasureResumer = {
  id: 'ResumeErasures',
  handler: 'resume-erasures',
  tables: erasureTables,
  keys: 'erase',
} as const satisfies FunctionSpec;

/** Creates, rewraps under and destroys `kms-epoch` keys on a schedule (ADR 0153): kms-epoch only. */
export const keyRotator = {
  id: 'RotateKeyEpoch',
  handler: 'rotate-key-epoch',
  tables: { SubjectKeys: 'read-write' },
  keys: 'rotate',
} as const satisfies FunctionSpec;
