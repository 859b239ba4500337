import { describe, expect, it } from 'vitest';
import { rebuildFunction, streamConsumer, type KeyAccess } from '../../lambdas/http/routes.js';
import { functionPermissions, functionSpecs, resourceById, synthesize } from './ledger-template.js';

const specCases = functionSpecs.map((spec) => [spec.id, spec] as const);

const kmsOf = (template: ReturnType<typeof synthesize>, functionId: string) =>
  functionPermissions(template, functionId).filter(({ action }) => action.startsWith('kms:'));

const actionsOf = (permissions: { action: string }[]): string[] =>
  [...new Set(permissions.map(({ action }) => action))].sort();

const anyKey = 'arn:{AWS::Partition}:kms:{AWS::Region}:{AWS::AccountId}:key/*';
const taggedKey = { StringEquals: { 'aws:ResourceTag/ledger:purpose': 'subject-data-key/Ledger' } };
const requestTag = {
  StringEquals: { 'aws:RequestTag/ledger:purpose': 'subject-data-key/Ledger' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': ['ledger:purpose'] },
};

describe('kms-key-per-subject (the default)', () => {
  const template = synthesize();
  const expected: Record<KeyAccess, string[]> = {
    encrypt: ['kms:CreateAlias', 'kms:CreateKey', 'kms:GenerateDataKey', 'kms:TagResource'],
    decrypt: ['kms:Decrypt'],
    'encrypt-decrypt': [
      'kms:CreateAlias',
      'kms:CreateKey',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:TagResource',
    ],
    erase: ['kms:Decrypt', 'kms:DescribeKey', 'kms:DisableKey', 'kms:ScheduleKeyDeletion'],
  };

  it.each(specCases)('%s gets exactly the KMS actions of its key access', (id, spec) => {
    expect(actionsOf(kmsOf(template, id))).toEqual(spec.keys ? expected[spec.keys] : []);
  });

  it('lets only the erasure function disable or delete keys', () => {
    const destroyers = functionSpecs.filter((spec) =>
      kmsOf(template, spec.id).some(({ action }) =>
        ['kms:DisableKey', 'kms:ScheduleKeyDeletion'].includes(action),
      ),
    );

    expect(destroyers.map((spec) => spec.id)).toEqual(['ErasePersonalData']);
  });

  it('gives projectors (stream consumer, rebuild) no KMS access at all', () => {
    expect(kmsOf(template, streamConsumer.id)).toEqual([]);
    expect(kmsOf(template, rebuildFunction.id)).toEqual([]);
  });

  it('scopes every use of a key to keys carrying this stack tag', () => {
    const keyUses = functionSpecs.flatMap((spec) =>
      kmsOf(template, spec.id).filter(
        ({ action, resource }) =>
          !['kms:CreateKey', 'kms:TagResource'].includes(action) && !resource.includes(':alias/'),
      ),
    );

    expect(keyUses.length).toBeGreaterThan(0);
    for (const permission of keyUses) {
      expect(permission).toEqual({ ...permission, resource: anyKey, condition: taggedKey });
    }
  });

  it('lets keys be created and tagged only with exactly this stack tag', () => {
    const creation = kmsOf(template, 'OpenAccount').filter(({ action }) =>
      ['kms:CreateKey', 'kms:TagResource'].includes(action),
    );

    expect(creation.map(({ action, resource }) => [action, resource]).sort()).toEqual([
      ['kms:CreateKey', '*'],
      ['kms:TagResource', anyKey],
    ]);
    for (const permission of creation) {
      expect(permission.condition).toEqual(requestTag);
    }
  });

  it('lets aliases be created only under the stack alias prefix', () => {
    const aliases = kmsOf(template, 'OpenAccount').filter(({ resource }) =>
      resource.includes(':alias/'),
    );

    expect(aliases).toEqual([
      {
        action: 'kms:CreateAlias',
        resource:
          'arn:{AWS::Partition}:kms:{AWS::Region}:{AWS::AccountId}:alias/ledger-subject/Ledger/*',
        condition: undefined,
      },
    ]);
  });

  it('creates no KMS key of its own', () => {
    expect(template.findResources('AWS::KMS::Key')).toEqual({});
  });
});

describe('kms-envelope', () => {
  const template = synthesize({ keyStrategy: 'kms-envelope' });
  const expected: Record<KeyAccess, string[]> = {
    encrypt: ['kms:GenerateDataKey'],
    decrypt: ['kms:Decrypt'],
    'encrypt-decrypt': ['kms:Decrypt', 'kms:GenerateDataKey'],
    // Erasure deletes the wrapped data key; the shared key itself is never disabled.
    erase: ['kms:Decrypt'],
  };

  it.each(specCases)('%s gets exactly the KMS actions of its key access', (id, spec) => {
    expect(actionsOf(kmsOf(template, id))).toEqual(spec.keys ? expected[spec.keys] : []);
  });

  it('uses the one envelope key and no other', () => {
    const resourcesUsed = functionSpecs.flatMap((spec) =>
      kmsOf(template, spec.id).map(({ resource }) => resource),
    );

    expect(new Set(resourcesUsed)).toEqual(new Set(['{EnvelopeKey.Arn}']));
  });

  it('rotates the envelope key yearly', () => {
    expect(resourceById(template, 'EnvelopeKey')?.Properties['EnableKeyRotation']).toBe(true);
  });

  it('tells every function which key to use', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };

    expect(fn.Properties.Environment.Variables).toMatchObject({
      KEY_STRATEGY: 'kms-envelope',
      KMS_ENVELOPE_KEY_ID: { 'Fn::GetAtt': ['EnvelopeKey', 'Arn'] },
    });
  });
});
