import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  erasureResumer,
  keySweeper,
  rebuildFunction,
  streamConsumer,
  type KeyAccess,
} from '../../lib/function-specs.js';
import {
  environmentOf,
  functionDenials,
  functionPermissions,
  functionSpecs,
  logicalIdAt,
  render,
  resourceById,
  synthesize,
} from './ledger-template.js';

const specCases = functionSpecs.map((spec) => [spec.id, spec] as const);
// The orphan-key sweeper exists only where keys are per subject.
const envelopeSpecs = functionSpecs.filter((spec) => spec.id !== keySweeper.id);

const kmsOf = (template: ReturnType<typeof synthesize>, functionId: string) =>
  functionPermissions(template, functionId).filter(({ action }) => action.startsWith('kms:'));

const actionsOf = (permissions: { action: string }[]): string[] =>
  [...new Set(permissions.map(({ action }) => action))].sort();

const anyKey = 'arn:{AWS::Partition}:kms:{AWS::Region}:{AWS::AccountId}:key/*';
const requestTag = {
  StringEquals: { 'aws:RequestTag/ledger:purpose': 'subject-data-key/Ledger' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': ['ledger:purpose'] },
};

// A subject key's policy names the function roles (lambdas/crypto/kms-subject-key-policy.ts), so
// IAM grants no use of any key: see https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
// (a key policy alone can allow a principal) and
// https://docs.aws.amazon.com/kms/latest/developerguide/abac.html (tag changes take up to five
// minutes to affect authorisation, and whoever can tag a key gains what the tag grants).
describe('kms-key-per-subject (the default)', () => {
  const template = synthesize();
  const creation = ['kms:CreateAlias', 'kms:CreateKey', 'kms:TagResource'];
  const expected: Record<KeyAccess, string[]> = {
    encrypt: creation,
    decrypt: [],
    'encrypt-decrypt': creation,
    erase: [],
    sweep: ['kms:ListKeys'],
    rotate: [],
  };
  const roleArn = (id: string) => `{${logicalIdAt(template, `Ledger/${id}/Role/Resource`)}.Arn}`;
  const rolesWith = (...accesses: KeyAccess[]) =>
    functionSpecs
      .filter((spec) => spec.keys !== undefined && accesses.includes(spec.keys))
      .map((spec) => roleArn(spec.id))
      .join(',');

  it.each(specCases)('%s gets exactly the IAM KMS actions of its key access', (id, spec) => {
    expect(actionsOf(kmsOf(template, id))).toEqual(spec.keys ? expected[spec.keys] : []);
  });

  it('grants no use of any key through IAM, so tagging a foreign key gains nothing', () => {
    const all = functionSpecs.flatMap((spec) => kmsOf(template, spec.id));
    const keyUse = [
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:DisableKey',
      'kms:ScheduleKeyDeletion',
      'kms:DescribeKey',
    ];

    expect(all.filter(({ action }) => keyUse.includes(action))).toEqual([]);
    expect(
      all.filter(({ condition }) => JSON.stringify(condition ?? {}).includes('aws:ResourceTag')),
    ).toEqual([]);
  });

  it.each(specCases)('%s is explicitly denied kms:PutKeyPolicy on every key', (id) => {
    expect(functionDenials(template, id)).toContainEqual({
      action: 'kms:PutKeyPolicy',
      resource: '*',
      condition: undefined,
    });
  });

  it.each(specCases.filter(([, spec]) => spec.keys !== undefined))(
    '%s is told which role ARNs each new key policy names, by what they do',
    (id) => {
      const environment = environmentOf(template, id);

      expect(render(environment['KMS_DECRYPT_ROLE_ARNS'])).toBe(
        rolesWith('decrypt', 'encrypt-decrypt', 'erase'),
      );
      expect(render(environment['KMS_ENCRYPT_ROLE_ARNS'])).toBe(
        rolesWith('encrypt', 'encrypt-decrypt'),
      );
      expect(render(environment['KMS_RETIRE_ROLE_ARNS'])).toBe(rolesWith('erase', 'sweep'));
    },
  );

  it('lets only the erasure function, its resumer and the sweeper retire keys (the key policy names them)', () => {
    expect(rolesWith('erase', 'sweep')).toBe(
      [roleArn('ErasePersonalData'), roleArn(keySweeper.id), roleArn(erasureResumer.id)].join(','),
    );
  });

  it('gives the rebuild no KMS access, and the stream consumer decrypt only (for references)', () => {
    // The transfer process decrypts the sender's reference and encrypts it again under the
    // receiver's key (ADR 0150); without these grants every credit with a reference failed on
    // AWS and held its shard of the stream. Both subjects' data keys exist: unwrapping suffices.
    expect(kmsOf(template, rebuildFunction.id)).toEqual([]);
    expect(kmsOf(template, streamConsumer.id).map(({ action }) => action)).not.toContain(
      'kms:CreateKey',
    );
    const told = environmentOf(template, 'OpenAccount');
    expect(render(told['KMS_DECRYPT_ROLE_ARNS']).split(',')).toContain(roleArn(streamConsumer.id));
    expect(render(told['KMS_ENCRYPT_ROLE_ARNS']).split(',')).not.toContain(
      roleArn(streamConsumer.id),
    );
    expect(environmentOf(template, streamConsumer.id)['SUBJECT_KEYS_TABLE']).toBeDefined();
  });

  it('lets keys be created and tagged only with exactly this stack tag', () => {
    const creating = kmsOf(template, 'OpenAccount').filter(({ action }) =>
      ['kms:CreateKey', 'kms:TagResource'].includes(action),
    );

    expect(creating.map(({ action, resource }) => [action, resource]).sort()).toEqual([
      ['kms:CreateKey', '*'],
      ['kms:TagResource', anyKey],
    ]);
    for (const permission of creating) {
      expect(permission.condition).toEqual(requestTag);
    }
  });

  it('lets aliases be created only under the stack alias prefix', () => {
    const aliases = kmsOf(template, 'OpenAccount').filter(
      ({ action }) => action === 'kms:CreateAlias',
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

  it('runs the orphan-key sweeper every 6 hours', () => {
    const sweeperArn = {
      'Fn::GetAtt': [logicalIdAt(template, `Ledger/${keySweeper.id}/Function/Resource`), 'Arn'],
    };

    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(6 hours)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: sweeperArn, RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });

  it('keeps the role lists within Lambda’s 4 KB environment, at the longest role ARNs', () => {
    // A role ARN is at most 31 + 64 characters (arn:aws:iam::<12 digits>:role/ + a 64-character name).
    const longestArn = 95;
    for (const spec of functionSpecs.filter((candidate) => candidate.keys !== undefined)) {
      const environment = environmentOf(template, spec.id);
      const size = Object.entries(environment).reduce((total, [name, value]) => {
        const rendered = render(value);
        const arns = rendered.split(',').filter((part) => part.endsWith('.Arn}')).length;
        return total + name.length + (arns > 0 ? arns * (longestArn + 1) : rendered.length + 40);
      }, 0);

      expect(size).toBeLessThan(4096);
    }
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
    sweep: [],
    rotate: [],
  };

  it.each(envelopeSpecs.map((spec) => [spec.id, spec] as const))(
    '%s gets exactly the KMS actions of its key access',
    (id, spec) => {
      expect(actionsOf(kmsOf(template, id))).toEqual(spec.keys ? expected[spec.keys] : []);
    },
  );

  it('uses the one envelope key and no other', () => {
    const resourcesUsed = envelopeSpecs.flatMap((spec) =>
      kmsOf(template, spec.id).map(({ resource }) => resource),
    );

    expect(new Set(resourcesUsed)).toEqual(new Set(['{EnvelopeKey.Arn}']));
  });

  it.each(envelopeSpecs.map((spec) => [spec.id] as const))(
    '%s is explicitly denied kms:PutKeyPolicy',
    (id) => {
      expect(functionDenials(template, id)).toContainEqual({
        action: 'kms:PutKeyPolicy',
        resource: '*',
        condition: undefined,
      });
    },
  );

  it('builds no orphan-key sweeper', () => {
    expect(() => environmentOf(template, keySweeper.id)).toThrow();
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
