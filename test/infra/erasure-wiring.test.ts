import { describe, expect, it } from 'vitest';
import { erasureResumer } from '../../lib/function-specs.js';
import {
  environmentOf,
  functionPermissions,
  functionSpecs,
  logicalIdAt,
  render,
  resources,
  synthesize,
} from './ledger-template.js';

const template = synthesize();
const external = synthesize({ jwtIssuer: 'https://id.example.com/', jwtAudience: 'ledger' });
const poolArn = (from = template) =>
  `{${logicalIdAt(from, 'Ledger/Identity/UserPool/Resource')}.Arn}`;
const cognitoActions = (from = template) =>
  functionSpecs.flatMap((spec) =>
    functionPermissions(from, spec.id)
      .filter(({ action }) => action.startsWith('cognito-idp:'))
      .map(({ action, resource }) => [spec.id, action, resource]),
  );

// A username or an email is personal data: erasure deletes the user from the stack's own pool
// (AdminDeleteUser, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html,
// whose resource is the user pool ARN:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html).
describe('erasure on the deployed stack', () => {
  it('lets only the erasure function and its resumer delete users, and only in the own pool', () => {
    expect(cognitoActions()).toEqual([
      ['ErasePersonalData', 'cognito-idp:AdminDeleteUser', poolArn()],
      [erasureResumer.id, 'cognito-idp:AdminDeleteUser', poolArn()],
    ]);
  });

  it('tells exactly those two functions which pool their users live in', () => {
    const told = functionSpecs
      .filter((spec) => 'COGNITO_USER_POOL_ID' in environmentOf(template, spec.id))
      .map((spec) => [spec.id, render(environmentOf(template, spec.id)['COGNITO_USER_POOL_ID'])]);
    const poolRef = `{${logicalIdAt(template, 'Ledger/Identity/UserPool/Resource')}}`;

    expect(told).toEqual([
      ['ErasePersonalData', poolRef],
      [erasureResumer.id, poolRef],
    ]);
  });

  it('deletes no user when the issuer is not the stack’s own (nobody else’s directory)', () => {
    expect(resources(external, 'AWS::Cognito::UserPool')).toEqual([]);
    expect(cognitoActions(external)).toEqual([]);
    expect(environmentOf(external, 'ErasePersonalData')).not.toHaveProperty('COGNITO_USER_POOL_ID');
  });

  it('resumes unfinished erasures every 15 minutes, whatever the key strategy', () => {
    for (const from of [template, synthesize({ keyStrategy: 'kms-envelope' })]) {
      const rules = resources(from, 'AWS::Events::Rule')
        .map(([, rule]) => rule.Properties)
        .filter((rule) => render(rule['Targets']).includes('ResumeErasures'));

      expect(rules.map((rule) => rule['ScheduleExpression'])).toEqual(['rate(15 minutes)']);
    }
  });
});
