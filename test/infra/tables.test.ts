import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { allTableSpecs, tableSpecs } from '../../lib/table-specs.js';
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

  it.each(allTableSpecs.filter((spec) => spec.stateful))(
    'protects stateful $id: PITR, retained, deletion protection',
    (spec) => {
      const table = resourceById(template, `${spec.id}Table`);

      expect(table?.Properties['PointInTimeRecoverySpecification']).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(table?.Properties['DeletionProtectionEnabled']).toBe(true);
      expect(table?.DeletionPolicy).toBe('Retain');
      expect(table?.UpdateReplacePolicy).toBe('Retain');
    },
  );

  it('keeps Events among the protected tables', () => {
    expect(tableSpecs.Events.stateful).toBe(true);
  });

  it('expires idempotency records on the Commands TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: keySchema('commandId'),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
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
