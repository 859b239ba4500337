import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableAccess } from '../function-specs.js';
import type { TableId } from '../table-specs.js';
import type { LedgerTables } from './ledger-tables.js';

const readActions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'] as const;
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

const reads = (access: TableAccess): boolean => access !== 'write';
const writes = (access: TableAccess): boolean => access !== 'read';

/**
 * The DynamoDB actions for one access level. TransactWriteItems is authorised per item by these
 * same actions, so it needs no action of its own; Scan only where a full replay needs it.
 */
const tableActions = (access: TableAccess, scan: boolean): string[] => [
  ...(reads(access) ? readActions : []),
  ...(reads(access) && scan ? ['dynamodb:Scan'] : []),
  ...(writes(access) ? writeActions : []),
];

/** Per table: its actions on the table, plus the read actions on its indexes when it reads. */
export const tableStatements = (
  tables: LedgerTables,
  grants: Partial<Record<TableId, TableAccess>>,
  /** Tables the function may scan (a full replay of its source); every other read is by key. */
  scan: readonly TableId[],
): PolicyStatement[] =>
  tables.entries.flatMap(({ spec, table }) => {
    const access = grants[spec.id];
    if (access === undefined) {
      return [];
    }
    const indexes = [...(spec.globalIndexes ?? []), ...(spec.localIndexes ?? [])].map(
      (index) => `${table.tableArn}/index/${index.indexName}`,
    );
    return [
      new PolicyStatement({
        actions: tableActions(access, scan.includes(spec.id)),
        resources: [table.tableArn],
      }),
      ...(reads(access) && indexes.length > 0
        ? [new PolicyStatement({ actions: tableActions('read', false), resources: indexes })]
        : []),
    ];
  });
