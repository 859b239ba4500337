import { describe, expect, it } from 'vitest';
import {
  erasureResumer,
  keySweeper,
  rebuildFunction,
  streamConsumer,
  type FunctionSpec,
  type TableAccess,
} from '../../lib/function-specs.js';
import { allTableSpecs, type TableId } from '../../lib/table-specs.js';
import {
  functionPermissions,
  functionSpecs,
  permissionsOf,
  resources,
  synthesize,
  type Permission,
} from './ledger-template.js';

const template = synthesize();
const specCases = functionSpecs.map((spec) => [spec.id, spec] as const);

// Written out rather than imported, so a widened grant in lib/ fails here.
const read = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const write = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];
const streamRead = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

const expectedActions = (access: TableAccess, scan: boolean): string[] =>
  [
    ...(access === 'write' ? [] : [...read, ...(scan ? ['dynamodb:Scan'] : [])]),
    ...(access === 'read' ? [] : write),
  ].sort();

/** resource → sorted DynamoDB actions, for one function's data-plane grants. */
const dynamoGrants = (permissions: Permission[]): Record<string, string[]> => {
  const grants: Record<string, string[]> = {};
  for (const { action, resource } of permissions) {
    if (action.startsWith('dynamodb:') && !streamRead.includes(action) && resource !== '*') {
      (grants[resource] ??= []).push(action);
    }
  }
  return Object.fromEntries(Object.entries(grants).map(([r, a]) => [r, a.sort()]));
};

// The full replay scans its source; the key sweeper reads every SubjectKeys record; the erasure
// resumer finds unfinished erasures by a consistent scan of Erasures.
const scans: Partial<Record<string, TableId>> = {
  [rebuildFunction.id]: 'Events',
  [keySweeper.id]: 'SubjectKeys',
  [erasureResumer.id]: 'Erasures',
};

const expectedGrants = (spec: FunctionSpec): Record<string, string[]> => {
  const grants: Record<string, string[]> = {};
  for (const [table, access] of Object.entries(spec.tables) as [TableId, TableAccess][]) {
    const arn = `{${table}Table.Arn}`;
    grants[arn] = expectedActions(access, scans[spec.id] === table);
    const tableSpec = allTableSpecs.find((t) => t.id === table);
    const indexes = [...(tableSpec?.globalIndexes ?? []), ...(tableSpec?.localIndexes ?? [])];
    for (const index of access === 'write' ? [] : indexes) {
      grants[`${arn}/index/${index.indexName}`] = expectedActions('read', false);
    }
  }
  return grants;
};

const allPermissions = resources(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
  permissionsOf(policy),
);

describe('DynamoDB grants', () => {
  it.each(specCases)('%s may use exactly the tables and actions of its spec', (id, spec) => {
    expect(dynamoGrants(functionPermissions(template, id))).toEqual(expectedGrants(spec));
  });

  it('lets only the rebuild function scan Events, the key sweeper SubjectKeys and the erasure resumer Erasures', () => {
    const scanned = functionSpecs.flatMap((spec) =>
      functionPermissions(template, spec.id)
        .filter(({ action }) => action === 'dynamodb:Scan')
        .map(({ resource }) => [spec.id, resource]),
    );

    expect(scanned).toEqual([
      [rebuildFunction.id, '{EventsTable.Arn}'],
      [keySweeper.id, '{SubjectKeysTable.Arn}'],
      [erasureResumer.id, '{ErasuresTable.Arn}'],
    ]);
  });

  it('lets only the stream consumer read the Events stream', () => {
    const readers = functionSpecs.filter((spec) =>
      functionPermissions(template, spec.id).some(({ action }) => action === 'dynamodb:GetRecords'),
    );

    expect(readers.map((spec) => spec.id)).toEqual([streamConsumer.id]);
    expect(
      functionPermissions(template, streamConsumer.id)
        .filter(({ action }) => streamRead.includes(action))
        .map(({ resource }) => resource),
    ).toEqual(streamRead.map(() => '{EventsTable.StreamArn}'));
  });
});

describe('no wildcard', () => {
  // Actions that have no resource to scope them to (X-Ray, stream listing, key creation).
  const unscopable = [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'dynamodb:ListStreams',
    'kms:CreateKey',
    'kms:ListKeys',
  ];

  it('grants no service-wide wildcard action', () => {
    const wildcards = allPermissions.filter(
      ({ action }) => action === '*' || action.endsWith(':*'),
    );

    expect(wildcards).toEqual([]);
  });

  it('grants Resource "*" only for actions that cannot be scoped', () => {
    const onEverything = allPermissions.filter(({ resource }) => resource === '*');

    expect(onEverything.map(({ action }) => action).filter((a) => !unscopable.includes(a))).toEqual(
      [],
    );
  });

  it('attaches no managed policy to any function role', () => {
    for (const [, role] of resources(template, 'AWS::IAM::Role')) {
      expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });

  it('lets each function write only to its own log group', () => {
    for (const spec of functionSpecs) {
      const logs = functionPermissions(template, spec.id).filter(({ action }) =>
        action.startsWith('logs:'),
      );

      expect(logs.map(({ action }) => action).sort()).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]);
      expect(new Set(logs.map(({ resource }) => resource)).size).toBe(1);
      expect(logs[0]?.resource).toMatch(new RegExp(`^\\{${spec.id}LogGroup[0-9A-F]{8}\\.Arn\\}$`));
    }
  });
});
