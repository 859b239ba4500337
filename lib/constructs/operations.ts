import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';

/** Alarm when the consumer lags the stream by more than this (records give up at 6 h). */
const iteratorAgeThreshold = Duration.minutes(5);

export interface OperationsProps {
  readonly api: HttpApi;
  readonly functions: readonly { readonly id: string; readonly function: IFunction }[];
  readonly consumer: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly alarmEmail: string | undefined;
}

interface AlarmSpec {
  readonly metric: IMetric;
  readonly threshold: number;
  readonly description: string;
  /** Consecutive breaching periods before the alarm fires. */
  readonly periods?: number;
}

interface DashboardMetrics {
  readonly dlqDepth: IMetric;
  readonly iteratorAge: IMetric;
  readonly serverErrors: IMetric;
  readonly errors: readonly IMetric[];
}

const oneMinute = Duration.minutes(1);
const fiveMinutes = Duration.minutes(5);

const graph = (title: string, left: readonly IMetric[]): GraphWidget =>
  new GraphWidget({ title, left: [...left], width: 12 });

/** Alarms (to one SNS topic) and a dashboard: DLQ depth, stream lag, function errors, API 5xx. */
export class Operations extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  private readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
    if (props.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      acknowledge(
        this.alarmTopic,
        'Serverless-SNSRedrivePolicy',
        'E-mail alarm notifications only; an undelivered one leaves the alarm in ALARM state and in its history, which a DLQ would only duplicate.',
      );
    }
    const { api, consumer, functions } = props;
    const dlqDepth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: oneMinute,
      statistic: 'Maximum',
    });
    const iteratorAge = consumer.metric('IteratorAge', { period: oneMinute, statistic: 'Maximum' });
    const serverErrors = api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const errors = functions.map(({ id: functionId, function: fn }) => ({
      functionId,
      metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
    }));

    this.alarm('DeadLetterQueueNotEmpty', {
      metric: dlqDepth,
      threshold: 1,
      description: 'A stream batch exhausted its retries: redrive it (docs/deploy.md).',
    });
    this.alarm('StreamIteratorAge', {
      metric: iteratorAge,
      threshold: iteratorAgeThreshold.toMilliseconds(),
      description: 'Read models lag the Events table.',
      periods: 3,
    });
    this.alarm('Api5xx', {
      metric: serverErrors,
      threshold: 1,
      description: 'The API answered 5xx.',
    });
    for (const { functionId, metric } of errors) {
      this.alarm(`${functionId}Errors`, {
        metric,
        threshold: 1,
        description: `${functionId} failed.`,
      });
    }
    this.dashboard = this.createDashboard(props, {
      dlqDepth,
      iteratorAge,
      serverErrors,
      errors: errors.map(({ functionId, metric }) => metric.with({ label: functionId })),
    });
  }

  private createDashboard(props: OperationsProps, metrics: DashboardMetrics): Dashboard {
    const { api, functions } = props;
    return new Dashboard(this, 'Dashboard', {
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          graph('API requests, 4xx, 5xx', [
            api.metricCount({ period: fiveMinutes }),
            api.metricClientError({ period: fiveMinutes }),
            metrics.serverErrors,
          ]),
          graph('API latency p99 (ms)', [
            api.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
            api.metricIntegrationLatency({ period: fiveMinutes, statistic: 'p99' }),
          ]),
        ],
        [
          graph('Function errors', metrics.errors),
          graph(
            'Function duration p99 (ms)',
            functions.map(({ id: functionId, function: fn }) =>
              fn.metricDuration({ period: fiveMinutes, statistic: 'p99', label: functionId }),
            ),
          ),
        ],
        [
          graph('Stream iterator age (ms)', [metrics.iteratorAge]),
          graph('Dead-letter queue depth', [metrics.dlqDepth]),
        ],
      ],
    });
  }

  private alarm(id: string, spec: AlarmSpec): void {
    const periods = spec.periods ?? 1;
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
