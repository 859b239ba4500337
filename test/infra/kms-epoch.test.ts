import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { keyRotator, keySweeper, type FunctionSpec } from '../../lib/function-specs.js';
import {
  environmentOf,
  functionDenials,
  functionPermissions,
  functionSpecs,
  logicalIdAt,
  permissionsOf,
  resourceById,
  resources,
  synthesize,
  type Permission,
} from './ledger-template.js';

// `-c keyStrategy=kms-epoch` (ADR 0152, 0153). IAM allows the use of epoch keys only on keys
// tagged as this stack's epoch keys (aws:ResourceTag), and their creation only with exactly those
// tags (aws:RequestTag, aws:TagKeys):
// https://docs.aws.amazon.com/kms/latest/developerguide/tag-authorization.html
// https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html (tags in CreateKey
//   need kms:TagResource)
// ReEncrypt is authorized twice, as kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the
// destination key: https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
const template = synthesize({ keyStrategy: 'kms-epoch' });
const epochSpecs: readonly FunctionSpec[] = [
  ...functionSpecs.filter((spec) => spec.id !== keySweeper.id),
  keyRotator,
];
const anyKey = 'arn:{AWS::Partition}:kms:{AWS::Region}:{AWS::AccountId}:key/*';
const ourKeys = { StringEquals: { 'aws:ResourceTag/ledger:purpose': 'epoch-key/Ledger' } };
const ourTags = {
  StringEquals: { 'aws:RequestTag/ledger:purpose': 'epoch-key/Ledger' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': ['ledger:purpose', 'ledger:epoch'] },
};
const byAction = (permissions: readonly Permission[]): Permission[] =>
  [...permissions].sort((a, b) => a.action.localeCompare(b.action));
const onOurKeys = (...actions: string[]): Permission[] =>
  actions.map((action) => ({ action, resource: anyKey, condition: ourKeys }));

const kmsOf = (id: string) =>
  byAction(functionPermissions(template, id).filter(({ action }) => action.startsWith('kms:')));

const expected: Record<NonNullable<FunctionSpec['keys']>, Permission[]> = {
  encrypt: onOurKeys('kms:GenerateDataKey'),
  decrypt: onOurKeys('kms:Decrypt'),
  'encrypt-decrypt': onOurKeys('kms:GenerateDataKey', 'kms:Decrypt'),
  erase: onOurKeys('kms:Decrypt'),
  sweep: [],
  rotate: [
    ...onOurKeys(
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:ScheduleKeyDeletion',
      'kms:DescribeKey',
    ),
    { action: 'kms:CreateKey', resource: '*', condition: ourTags },
    { action: 'kms:TagResource', resource: anyKey, condition: ourTags },
  ],
};
const rotatorArn = {
  'Fn::GetAtt': [logicalIdAt(template, 'Ledger/RotateKeyEpoch/Function/Resource'), 'Arn'],
};
const failuresArn = {
  'Fn::GetAtt': [logicalIdAt(template, 'Ledger/EpochKeys/RotationFailures/Resource'), 'Arn'],
};

describe('kms-epoch', () => {
  it.each(epochSpecs.map((spec) => [spec.id, spec] as const))(
    '%s gets exactly the KMS statements of its key access, on tagged epoch keys only',
    (id, spec) => {
      expect(kmsOf(id)).toEqual(byAction(spec.keys ? expected[spec.keys] : []));
    },
  );

  it('lets only the rotation create, rewrap under or destroy a key', () => {
    const powerful = [
      'kms:CreateKey',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:ScheduleKeyDeletion',
    ];
    const holders = epochSpecs.filter((spec) =>
      kmsOf(spec.id).some(({ action }) => powerful.includes(action)),
    );

    expect(holders.map((spec) => spec.id)).toEqual([keyRotator.id]);
  });

  it.each(epochSpecs.map((spec) => [spec.id] as const))(
    '%s is denied kms:PutKeyPolicy and holds no kms:CancelKeyDeletion',
    (id) => {
      expect(functionDenials(template, id)).toContainEqual({
        action: 'kms:PutKeyPolicy',
        resource: '*',
        condition: undefined,
      });
      expect(kmsOf(id).map(({ action }) => action)).not.toContain('kms:CancelKeyDeletion');
    },
  );

  it('creates the first epoch key in the stack, tagged, retained, pinned', () => {
    const keys = resources(template, 'AWS::KMS::Key');
    const first = resourceById(template, 'FirstEpochKey');

    expect(keys.map(([id]) => id)).toEqual(['FirstEpochKey']);
    expect(first?.DeletionPolicy).toBe('Retain');
    expect(first?.Properties).toMatchObject({ PendingWindowInDays: 7, EnableKeyRotation: true });
    expect(first?.Properties['Tags']).toEqual([
      { Key: 'ledger:epoch', Value: '1' },
      { Key: 'ledger:purpose', Value: 'epoch-key/Ledger' },
    ]);
  });

  it.each(epochSpecs.map((spec) => [spec.id] as const))(
    '%s is told the strategy, tag, first key and period',
    (id) => {
      expect(environmentOf(template, id)).toMatchObject({
        KEY_STRATEGY: 'kms-epoch',
        KMS_TAG_KEY: 'ledger:purpose',
        KMS_TAG_VALUE: 'epoch-key/Ledger',
        KMS_FIRST_EPOCH_KEY_ID: { 'Fn::GetAtt': ['FirstEpochKey', 'Arn'] },
        KEY_EPOCH_DAYS: '30',
      });
    },
  );

  it('passes a configured rotation period to every function', () => {
    const weekly = synthesize({ keyStrategy: 'kms-epoch', keyRotationDays: '7' });

    for (const spec of epochSpecs) {
      expect(environmentOf(weekly, spec.id)['KEY_EPOCH_DAYS']).toBe('7');
    }
  });

  it('runs the rotation hourly through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: rotatorArn,
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: failuresArn },
      }),
    });
    expect(resources(template, 'AWS::Scheduler::Schedule')).toHaveLength(1);
  });

  it('sends a failed run to the same queue instead of retrying it (the next hourly run does)', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdAt(template, 'Ledger/RotateKeyEpoch/Function/Resource') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: failuresArn } },
    });
  });

  it("lets the schedule's role, assumable by Scheduler for this account only, invoke the rotation and fill the queue", () => {
    const roleId = logicalIdAt(template, 'Ledger/EpochKeys/RotationScheduleRole/Resource');
    const policyId = logicalIdAt(
      template,
      'Ledger/EpochKeys/RotationScheduleRole/DefaultPolicy/Resource',
    );
    const trust = resourceById(template, roleId)?.Properties['AssumeRolePolicyDocument'];
    const policy = resourceById(template, policyId);
    const fn = logicalIdAt(template, 'Ledger/RotateKeyEpoch/Function/Resource');

    expect(trust).toMatchObject({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
    expect(policy && permissionsOf(policy)).toEqual([
      { action: 'lambda:InvokeFunction', resource: `{${fn}.Arn}`, condition: undefined },
      { action: 'lambda:InvokeFunction', resource: `{${fn}.Arn}:*`, condition: undefined },
      {
        action: 'sqs:SendMessage',
        resource: `{${failuresArn['Fn::GetAtt'][0]!}.Arn}`,
        condition: undefined,
      },
    ]);
  });

  it('keeps failed runs 14 days in an encrypted queue', () => {
    const queue = resourceById(template, failuresArn['Fn::GetAtt'][0]!);

    expect(queue?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
  });

  it('lets only the rotation scan SubjectKeys, and builds no sweeper', () => {
    const scanners = epochSpecs.filter((spec) =>
      functionPermissions(template, spec.id).some(({ action }) => action === 'dynamodb:Scan'),
    );

    expect(scanners.map((spec) => spec.id).sort()).toEqual(
      ['RebuildProjection', 'ResumeErasures', keyRotator.id].sort(),
    );
    expect(() => logicalIdAt(template, `Ledger/${keySweeper.id}/Function/Resource`)).toThrow();
  });
});
