import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { allTableSpecs, type TableId } from '../../lib/table-specs.js';
import { resourceById, resources, synthesize } from './ledger-template.js';

const template = synthesize();

const keySchema = (partition: string, sort?: string) => [
  { AttributeName: partition, KeyType: 'HASH' },
  ...(sort ? [{ AttributeName: sort, KeyType: 'RANGE' }] : []),
];

describe('tables', () => {
  it('builds one table per spec and no other', () => {
    expect(resources(template, 'AWS::DynamoDB::Table')).toHaveLength(allTableSpecs.length);
  });

  it.each(allTableSpecs)('builds $id with the keys of its spec, on demand', (spec) => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        KeySchema: keySchema(spec.partitionKey.name, spec.sortKey?.name),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    });
    expect(resourceById(template, `${spec.id}Table`)?.Properties['KeySchema']).toEqual(
      keySchema(spec.partitionKey.name, spec.sortKey?.name),
    );
  });

  it('streams new images from Events only', () => {
    const streaming = resources(template, 'AWS::DynamoDB::Table').filter(
      ([, table]) => table.Properties['StreamSpecification'] !== undefined,
    );

    expect(streaming.map(([id]) => id)).toEqual(['EventsTable']);
    expect(streaming[0]?.[1].Properties['StreamSpecification']).toEqual({
      StreamViewType: 'NEW_IMAGE',
    });
  });

  // RecoveryPeriodInDays: 1 to 35, default 35:
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html
  const envelope = synthesize({ keyStrategy: 'kms-envelope' });
  const recovery = (table: TableId, from = template): unknown =>
    resourceById(from, `${table}Table`)?.Properties['PointInTimeRecoverySpecification'];

  it.each([
    ['Events', 35],
    ['SubjectKeys', 35],
    ['Erasures', 35],
  ] as const)('keeps %s recoverable for %i days', (table, days) => {
    expect(recovery(table)).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: days,
    });
  });

  it('keeps SubjectKeys recoverable for 7 days only under kms-envelope, where a backup still holds erased keys', () => {
    expect(recovery('SubjectKeys', envelope)).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 7,
    });
    expect(recovery('Events', envelope)).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 35,
    });
  });

  it.each(['Commands', 'Snapshots', 'AccountSummaries', 'Ledger', 'Transfers'] as const)(
    'takes no continuous backups of %s, which expires or is rebuilt from Events',
    (table) => {
      expect(recovery(table)).toEqual({ PointInTimeRecoveryEnabled: false });
    },
  );

  it.each(['Events', 'SubjectKeys', 'Erasures'] as const)(
    'retains %s with deletion protection',
    (id) => {
      const table = resourceById(template, `${id}Table`);

      expect(table?.Properties['DeletionProtectionEnabled']).toBe(true);
      expect(table?.DeletionPolicy).toBe('Retain');
      expect(table?.UpdateReplacePolicy).toBe('Retain');
    },
  );

  it.each(['Commands', 'Snapshots', 'AccountSummaries', 'Ledger', 'Transfers'] as const)(
    'deletes %s with the stack: 24 h idempotency records or a read model',
    (id) => {
      const table = resourceById(template, `${id}Table`);

      expect(table?.Properties['DeletionProtectionEnabled']).toBe(false);
      expect(table?.DeletionPolicy).toBe('Delete');
    },
  );

  it('expires idempotency records on the Commands TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: keySchema('commandId'),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  // Key schema and local indexes of a table cannot change in place: CloudFormation replaces the
  // table, which it can only do when the name is generated, and the old one must be deletable.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-localsecondaryindex.html
  it('keeps every snapshot by version, indexed by time, in a table that may be replaced', () => {
    const snapshots = resourceById(template, 'SnapshotsTable');

    expect(snapshots?.Properties['KeySchema']).toEqual(keySchema('accountId', 'version'));
    expect(snapshots?.Properties['LocalSecondaryIndexes']).toEqual([
      {
        IndexName: 'byTime',
        KeySchema: keySchema('accountId', 'occurredAt'),
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(snapshots?.Properties['TableName']).toBeUndefined();
    expect(snapshots?.Properties['DeletionProtectionEnabled']).toBe(false);
    expect(snapshots?.DeletionPolicy).toBe('Delete');
  });

  it('indexes account summaries by owner', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: keySchema('ownerId', 'accountId'),
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});

describe('stable logical ids of stateful resources', () => {
  // Literal on purpose: renaming any of these replaces the resource and loses its data.
  const pinned = {
    EventsTable: 'AWS::DynamoDB::Table',
    SnapshotsTable: 'AWS::DynamoDB::Table',
    CommandsTable: 'AWS::DynamoDB::Table',
    SubjectKeysTable: 'AWS::DynamoDB::Table',
    AccountSummariesTable: 'AWS::DynamoDB::Table',
    LedgerTable: 'AWS::DynamoDB::Table',
    TransfersTable: 'AWS::DynamoDB::Table',
    ErasuresTable: 'AWS::DynamoDB::Table',
    OwnersTable: 'AWS::DynamoDB::Table',
    UserPool: 'AWS::Cognito::UserPool',
  };

  it.each(Object.entries(pinned))('keeps %s as a %s', (logicalId, type) => {
    expect(resourceById(template, logicalId)?.Type).toBe(type);
  });

  it('keeps the envelope key as EnvelopeKey, retained', () => {
    const envelope = resourceById(synthesize({ keyStrategy: 'kms-envelope' }), 'EnvelopeKey');

    expect(envelope?.Type).toBe('AWS::KMS::Key');
    expect(envelope?.DeletionPolicy).toBe('Retain');
  });

  it('retains the user pool, whose sub ids own the accounts', () => {
    const pool = resourceById(template, 'UserPool');

    expect(pool?.DeletionPolicy).toBe('Retain');
    expect(pool?.Properties['DeletionProtection']).toBe('ACTIVE');
  });
});
