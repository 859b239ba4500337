import { describe, expect, it } from 'vitest';
import { streamConsumer } from '../../lib/function-specs.js';
import { functionLogicalId, resources, synthesize } from './ledger-template.js';

const template = synthesize();

describe('the Events stream consumer', () => {
  const mappings = resources(template, 'AWS::Lambda::EventSourceMapping');
  const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));

  it('is the only reader of the Events stream', () => {
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['EventsTable', 'StreamArn'] },
      FunctionName: { Ref: functionLogicalId(template, streamConsumer.id) },
    });
  });

  it('reads in order from the start, isolates poison records, and reports partial failures', () => {
    expect(mappings[0]?.[1].Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 6 * 3600,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('filters nothing, so no record is dropped silently', () => {
    expect(mappings[0]?.[1].Properties['FilterCriteria']).toBeUndefined();
  });

  it('keeps failed-batch pointers 14 days, encrypted, over TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
    template.resourceCountIs('AWS::SQS::QueuePolicy', 1);
  });
});
