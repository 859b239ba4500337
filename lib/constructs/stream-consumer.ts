import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';

/**
 * The Events stream's event source mapping. Parallelization 1 keeps one batch per shard in flight,
 * so the handler (which stops at the first failed record) preserves per-account order; bisection
 * and bounded retries isolate a poison record, which then lands in the on-failure queue.
 * No event filter: filtered-out records are dropped silently, so the handler skips non-INSERTs.
 */
const streamMapping = {
  startingPosition: StartingPosition.TRIM_HORIZON,
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  bisectBatchOnError: true,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(6),
  reportBatchItemFailures: true,
  parallelizationFactor: 1,
} as const;

export interface StreamConsumerProps {
  readonly events: Table;
  readonly consumer: IFunction;
}

/**
 * Wires the one stream consumer (every projector, and the transfer process manager) to the Events
 * table: DynamoDB Streams serves about two readers per shard, so read models share this one.
 */
export class StreamConsumer extends Construct {
  /** Receives a pointer (shard, sequence numbers) to each batch that exhausted its retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const isTheDeadLetterQueue =
      'This queue is itself the on-failure destination of the stream mapping; its messages are redriven by hand (docs/deploy.md).';
    acknowledge(this.deadLetterQueue, 'AwsSolutions-SQS3', isTheDeadLetterQueue);
    acknowledge(this.deadLetterQueue, 'Serverless-SQSRedrivePolicy', isTheDeadLetterQueue);
    props.consumer.addEventSource(
      // Table types tableStreamArn `string | undefined` where ITable has it optional: the same at
      // runtime, but not under exactOptionalPropertyTypes.
      new DynamoEventSource(props.events as ITable, {
        ...streamMapping,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
  }
}
