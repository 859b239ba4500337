import { Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { nagPacks } from '../../lib/nag.js';
import { buildStack, nagFindings as findings } from './ledger-template.js';

const acknowledgements = (root: IConstruct): { path: string; id: string; reason: string }[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it.each([
    ['the default stack', {}],
    ['kms-envelope', { keyStrategy: 'kms-envelope' }],
    ['kms-epoch', { keyStrategy: 'kms-epoch' }],
    ['an external issuer', { jwtIssuer: 'https://id.example.com/', jwtAudience: 'ledger' }],
    [
      'required MFA, a browser client and CORS',
      {
        mfa: 'required',
        oauthCallbackUrls: 'https://app.example.com/callback',
        cognitoDomainPrefix: 'ledger-demo',
        corsOrigins: 'https://app.example.com',
        alarmEmail: 'ops@example.com',
      },
    ],
  ])('finds nothing unacknowledged in %s', (_name, context) => {
    expect(findings(context)).toEqual([]);
  });

  it('still fails a grant widened later: acknowledgements name exact resources', () => {
    const { app, stack } = buildStack();
    const role = stack.node.findChild('DepositMoney').node.findChild('Role');
    if (!(role instanceof Role)) {
      throw new Error('DepositMoney has no role');
    }
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [`arn:aws:dynamodb:${stack.region}:${stack.account}:table/*`],
      }),
    );
    const rules = nagPacks(app).flatMap((pack) =>
      pack.validateScope(app).violations.map((violation) => violation.ruleName),
    );

    expect(rules).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:dynamodb:<AWS::Region>:<AWS::AccountId>:table/*]',
    ]);
  });

  it('gives every acknowledgement a one-line reason a reviewer can check', () => {
    const all = acknowledgements(buildStack().stack);

    expect(all.length).toBeGreaterThan(0);
    for (const { reason } of all) {
      expect(reason).not.toMatch(/\n/);
      expect(reason.length).toBeGreaterThanOrEqual(40);
      expect(reason.length).toBeLessThanOrEqual(240);
    }
  });

  it('acknowledges findings on the resources they concern, never on the whole stack', () => {
    for (const { path } of acknowledgements(buildStack().stack)) {
      expect(path).not.toBe('Ledger');
      expect(path).not.toBe('');
    }
  });
});
