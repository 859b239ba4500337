import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  erasureResumer,
  keySweeper,
  rebuildFunction,
  routes,
  streamConsumer,
} from '../../lib/function-specs.js';
import { functionLogicalId, render, resources, synthesize } from './ledger-template.js';

const template = synthesize();
const everyFunction = [...routes, streamConsumer, rebuildFunction, keySweeper, erasureResumer].map(
  (spec) => functionLogicalId(template, spec.id),
);
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

  // The HTTP functions turn every exception into a 500 problem (middy), and the stream consumer
  // reports failures as batchItemFailures, so AWS/Lambda Errors counts only crashes and timeouts:
  // the alarms that matter watch what the functions emit.
  it('fires on any 5xx a function answers (the Http5xx metric the edge emits)', () => {
    expect(alarmOn('Ledger', 'Http5xx')).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'service', Value: 'ledger' }],
        Statistic: 'Sum',
        Threshold: 1,
        Period: 300,
      }),
    ]);
  });

  it('fires when stream batches keep failing for 5 minutes', () => {
    expect(alarmOn('Ledger', 'StreamBatchFailures')).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'service', Value: 'ledger' }],
        Statistic: 'Sum',
        Threshold: 1,
        Period: 60,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 5,
      }),
    ]);
  });

  it('fires when the read models trail the Events table by a minute, 3 minutes running', () => {
    expect(alarmOn('Ledger', 'ProjectionLag')).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'service', Value: 'ledger' }],
        Statistic: 'Maximum',
        Threshold: 60_000,
        Period: 60,
        EvaluationPeriods: 3,
      }),
    ]);
  });

  // Throttles: invocations Lambda refused for lack of concurrency; the caller got 429/5xx or the
  // stream stalled. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
  it('fires when any function is throttled', () => {
    const watched = alarmOn('AWS/Lambda', 'Throttles').map(
      (alarm) => (alarm['Dimensions'] as { Value: { Ref: string } }[])[0]?.Value.Ref,
    );

    expect(watched.sort()).toEqual(everyFunction.sort());
  });

  it('fires on crashes and timeouts of every function', () => {
    const watched = alarmOn('AWS/Lambda', 'Errors').map(
      (alarm) => (alarm['Dimensions'] as { Value: { Ref: string } }[])[0]?.Value.Ref,
    );

    expect(watched.sort()).toEqual(everyFunction.sort());
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
  const dashboardBody = (): string => {
    const [, dashboard] = resources(template, 'AWS::CloudWatch::Dashboard')[0] ?? [];
    return render(dashboard?.Properties['DashboardBody']);
  };

  it('has a dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it.each([
    ['projection lag', ['Ledger', 'ProjectionLag']],
    ['5xx answered by functions', ['Ledger', 'Http5xx']],
    ['stream batch failures', ['Ledger', 'StreamBatchFailures']],
    ['throttles', ['AWS/Lambda', 'Throttles']],
  ])('graphs %s', (_name, metric) => {
    expect(dashboardBody()).toContain(JSON.stringify(metric).slice(1, -1));
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
