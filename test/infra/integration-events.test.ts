import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { rebuildFunction, streamConsumer } from '../../lib/function-specs.js';
import {
  environmentOf,
  functionPermissions,
  functionSpecs,
  logicalIdAt,
  nagFindings as findings,
  resources,
  synthesize,
} from './ledger-template.js';

const withExample = { exampleSubscriber: 'true', largeWithdrawalMinor: '50000' };
const plain = synthesize();
const example = synthesize(withExample);
const busId = logicalIdAt(plain, 'Ledger/IntegrationEvents/Bus/Resource');
const busArn = `{${busId}.Arn}`;

describe('integration events in the stack', () => {
  it('creates one EventBridge bus and tells the stream consumer and the rebuild its name', () => {
    plain.resourceCountIs('AWS::Events::EventBus', 1);

    expect(environmentOf(plain, streamConsumer.id)['EVENT_BUS_NAME']).toEqual({ Ref: busId });
    // The rebuild republishes only when asked ({ republish: true }), marking events as replays.
    expect(environmentOf(plain, rebuildFunction.id)['EVENT_BUS_NAME']).toEqual({ Ref: busId });
  });

  it('lets the stream consumer and the rebuild, and no other function, put events, on that bus only', () => {
    const publishers: readonly string[] = [streamConsumer.id, rebuildFunction.id];
    for (const spec of functionSpecs) {
      const puts = functionPermissions(plain, spec.id).filter(({ action }) =>
        action.startsWith('events:'),
      );
      const expected = publishers.includes(spec.id)
        ? [{ action: 'events:PutEvents', resource: busArn }]
        : [];

      expect(
        puts.map(({ action, resource }) => ({ action, resource })),
        spec.id,
      ).toEqual(expected);
    }
  });

  it('has no example rule or queue unless exampleSubscriber is set', () => {
    const onTheBus = resources(plain, 'AWS::Events::Rule').filter(
      ([, rule]) =>
        JSON.stringify(rule.Properties['EventBusName']) === JSON.stringify({ Ref: busId }),
    );
    expect(onTheBus).toEqual([]);
    expect(resources(example, 'AWS::Events::Rule')).toHaveLength(
      resources(plain, 'AWS::Events::Rule').length + 1,
    );
    expect(resources(plain, 'AWS::SQS::Queue').map(([id]) => id)).not.toContainEqual(
      expect.stringContaining('LargeWithdrawals'),
    );
  });

  it('with exampleSubscriber, routes withdrawals of at least the threshold to an encrypted queue', () => {
    const queueId = logicalIdAt(example, 'Ledger/IntegrationEvents/LargeWithdrawals/Resource');
    const undeliveredId = logicalIdAt(
      example,
      'Ledger/IntegrationEvents/LargeWithdrawalsUndelivered/Resource',
    );

    example.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: busId },
      State: 'ENABLED',
      EventPattern: {
        source: ['ledger'],
        'detail-type': ['ledger.money.withdrawn.v1'],
        // A republished withdrawal (replay: true) is not a new one: the example skips it.
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-exists-matching
        detail: { replay: [{ exists: false }], data: { amount: [{ numeric: ['>=', 50000] }] } },
      },
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [undeliveredId, 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        },
      ],
    });
    example.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [undeliveredId, 'Arn'] } },
    });
  });

  it('lets only the rule (events.amazonaws.com, this rule by SourceArn) send to the example queue', () => {
    const ruleId = logicalIdAt(example, 'Ledger/IntegrationEvents/LargeWithdrawalRule/Resource');
    const policies = Template.fromJSON(example.toJSON()).findResources('AWS::SQS::QueuePolicy');
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const sends = statements.filter((statement) => statement['Effect'] === 'Allow');

    expect(sends).toContainEqual(
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    );
    expect(sends.every((statement) => statement['Principal'] !== '*')).toBe(true);
  });

  it.each([
    [{ exampleSubscriber: 'yes' }, 'exampleSubscriber must be true or false'],
    [{ largeWithdrawalMinor: '100' }, 'largeWithdrawalMinor needs exampleSubscriber=true'],
    [{ exampleSubscriber: 'true', largeWithdrawalMinor: '12.5' }, 'whole number of minor units'],
    [{ exampleSubscriber: 'true', largeWithdrawalMinor: '0' }, 'whole number of minor units'],
  ])('refuses the context %j', (context, message) => {
    expect(() => synthesize(context)).toThrow(message);
  });

  it('leaves no cdk-nag finding unacknowledged, with or without the example subscriber', () => {
    expect(findings({})).toEqual([]);
    expect(findings(withExample)).toEqual([]);
  });
});
