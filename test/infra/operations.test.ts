import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { rebuildFunction, routes, streamConsumer } from '../../lambdas/http/routes.js';
import { functionLogicalId, resources, synthesize } from './ledger-template.js';

const template = synthesize();
const alarms = resources(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));

const alarmOn = (namespace: string, metricName: string) =>
  alarms.filter((alarm) => alarm['Namespace'] === namespace && alarm['MetricName'] === metricName);

describe('alarms', () => {
  it('fires on any message in the dead-letter queue', () => {
    expect(alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toEqual([
      expect.objectContaining({ Threshold: 1, Statistic: 'Maximum' }),
    ]);
  });

  it('fires when the stream consumer lags by 5 minutes', () => {
    expect(alarmOn('AWS/Lambda', 'IteratorAge')).toEqual([
      expect.objectContaining({
        Threshold: 300_000,
        Dimensions: [
          { Name: 'FunctionName', Value: { Ref: functionLogicalId(template, streamConsumer.id) } },
        ],
      }),
    ]);
  });

  it('fires on errors of every function', () => {
    const watched = alarmOn('AWS/Lambda', 'Errors').map(
      (alarm) => (alarm['Dimensions'] as { Value: { Ref: string } }[])[0]?.Value.Ref,
    );
    const functionIds = [...routes, streamConsumer, rebuildFunction].map((spec) =>
      functionLogicalId(template, spec.id),
    );

    expect(watched.sort()).toEqual(functionIds.sort());
  });

  it('fires on API 5xx responses', () => {
    expect(alarmOn('AWS/ApiGateway', '5xx')).toEqual([
      expect.objectContaining({ Threshold: 1, Statistic: 'Sum' }),
    ]);
  });

  it('notifies the alarm topic and treats missing data as fine', () => {
    for (const alarm of alarms) {
      expect(alarm['AlarmActions']).toEqual([{ Ref: topicId }]);
      expect(alarm['TreatMissingData']).toBe('notBreaching');
    }
  });

  it('subscribes an e-mail address when one is given', () => {
    synthesize({ alarmEmail: 'ops@example.com' }).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('dashboard and outputs', () => {
  it('has a dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it.each([
    ['ApiUrl', Match.anyValue()],
    ['UserPoolId', { Ref: 'UserPool' }],
    ['UserPoolClientId', { Ref: Match.stringLikeRegexp('^IdentityUserPoolApiClient') }],
    ['JwtIssuer', { 'Fn::GetAtt': ['UserPool', 'ProviderURL'] }],
    ['KeyStrategy', 'kms-key-per-subject'],
    ['EventsTableName', { Ref: 'EventsTable' }],
    ['StreamConsumerFunctionName', Match.anyValue()],
    ['RebuildFunctionName', Match.anyValue()],
    ['DeadLetterQueueUrl', Match.anyValue()],
    ['DashboardName', Match.anyValue()],
    ['AlarmTopicArn', Match.anyValue()],
  ])('outputs %s', (name, value) => {
    template.hasOutput(name, { Value: value });
  });

  it('outputs the envelope key only in kms-envelope mode', () => {
    expect(Object.keys(template.findOutputs('*'))).not.toContain('EnvelopeKeyArn');
    synthesize({ keyStrategy: 'kms-envelope' }).hasOutput('EnvelopeKeyArn', {
      Value: { 'Fn::GetAtt': ['EnvelopeKey', 'Arn'] },
    });
  });
});
