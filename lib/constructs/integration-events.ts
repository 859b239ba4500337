import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';

/** The example subscriber's setting: withdrawals of at least this many minor units (any currency). */
export interface ExampleSubscriberSettings {
  readonly largeWithdrawalMinor: number;
}

export interface IntegrationEventsProps {
  /**
   * The only publishers: the one stream consumer, and the rebuild (which republishes only when a
   * run asks for it, marking events as replays).
   */
  readonly publishers: readonly LambdaFunction[];
  /** Unset (the default): no example rule or queue. */
  readonly exampleSubscriber: ExampleSubscriberSettings | undefined;
}

/**
 * The event pattern of the example rule: Ledger's withdrawals of at least `minor` minor units.
 * Amounts are integers, so EventBridge's numeric matching compares them exactly. Events a rebuild
 * republishes (`replay: true`) do not match: a large withdrawal is announced once, when it happens.
 */
export const largeWithdrawalPattern = (minor: number) => ({
  source: ['ledger'],
  detailType: ['ledger.money.withdrawn.v1'],
  detail: { replay: [{ exists: false }], data: { amount: [{ numeric: ['>=', minor] }] } },
});

const encryptedQueue = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.DESTROY,
};

/**
 * Ledger's integration events leave through an EventBridge bus the stack owns; the stream consumer
 * and the rebuild may put events on it and nothing else. With `exampleSubscriber`, a rule sends large withdrawals
 * to an SQS queue (with its own dead-letter queue), to show a subscriber's wiring end to end.
 */
export class IntegrationEvents extends Construct {
  readonly bus: EventBus;
  readonly largeWithdrawals: Queue | undefined;

  constructor(scope: Construct, id: string, props: IntegrationEventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus');
    for (const publisher of props.publishers) {
      this.bus.grantPutEventsTo(publisher);
      publisher.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
    }
    this.largeWithdrawals = props.exampleSubscriber
      ? this.exampleSubscriber(props.exampleSubscriber)
      : undefined;
  }

  /** Stack outputs: the bus subscribers attach rules to, and the example queue when there is one. */
  outputs(): Record<string, string | undefined> {
    return {
      EventBusName: this.bus.eventBusName,
      EventBusArn: this.bus.eventBusArn,
      LargeWithdrawalsQueueUrl: this.largeWithdrawals?.queueUrl,
    };
  }

  private exampleSubscriber(settings: ExampleSubscriberSettings): Queue {
    const failed = new Queue(this, 'LargeWithdrawalsUndelivered', {
      ...encryptedQueue,
      retentionPeriod: Duration.days(14),
    });
    const isTheDeadLetterQueue =
      'This queue is itself the dead-letter queue of the example rule target (events EventBridge could not deliver).';
    acknowledge(failed, 'AwsSolutions-SQS3', isTheDeadLetterQueue);
    acknowledge(failed, 'Serverless-SQSRedrivePolicy', isTheDeadLetterQueue);
    const queue = new Queue(this, 'LargeWithdrawals', {
      ...encryptedQueue,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: failed, maxReceiveCount: 5 },
    });
    new Rule(this, 'LargeWithdrawalRule', {
      eventBus: this.bus,
      description: `Ledger withdrawals of at least ${settings.largeWithdrawalMinor} minor units`,
      eventPattern: largeWithdrawalPattern(settings.largeWithdrawalMinor),
      targets: [
        new SqsQueue(queue, {
          deadLetterQueue: failed,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
    return queue;
  }
}
