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
import {
  alarmSpecs,
  operationsMetrics,
  type AlarmSpec,
  type OperationsMetrics,
  type WatchedFunction,
} from './operations-metrics.js';

export interface OperationsProps {
  readonly api: HttpApi;
  readonly functions: readonly WatchedFunction[];
  readonly consumer: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly alarmEmail: string | undefined;
}

const graph = (title: string, left: readonly IMetric[]): GraphWidget =>
  new GraphWidget({ title, left: [...left], width: 12 });

/**
 * Alarms (to one SNS topic) and a dashboard: the 5xx the functions emit, stream batch failures,
 * projection lag, iterator age, dead-letter depth, and per function crashes and throttles.
 */
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
    const metrics = operationsMetrics(
      props.api,
      props.consumer,
      props.deadLetterQueue,
      props.functions,
    );
    for (const spec of alarmSpecs(metrics)) {
      this.alarm(spec);
    }
    this.dashboard = this.createDashboard(props.api, props.functions, metrics);
  }

  private createDashboard(
    api: HttpApi,
    functions: readonly WatchedFunction[],
    metrics: OperationsMetrics,
  ): Dashboard {
    const perFunction = (list: OperationsMetrics['errors']) =>
      list.map(({ id, metric }) => metric.with({ label: id }));
    return new Dashboard(this, 'Dashboard', {
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          graph('Projection lag (ms, max per minute)', [metrics.projectionLag]),
          graph('Stream iterator age (ms)', [metrics.iteratorAge]),
        ],
        [
          graph('API requests, 4xx, 5xx', [
            api.metricCount({ period: metrics.api5xx.period }),
            api.metricClientError({ period: metrics.api5xx.period }),
            metrics.api5xx,
            metrics.functions5xx.with({ label: '5xx answered by functions' }),
          ]),
          graph('API latency p99 (ms)', [
            api.metricLatency({ period: metrics.api5xx.period, statistic: 'p99' }),
            api.metricIntegrationLatency({ period: metrics.api5xx.period, statistic: 'p99' }),
          ]),
        ],
        [
          graph('Stream batch failures, dead-letter queue depth', [
            metrics.batchFailures,
            metrics.dlqDepth,
          ]),
          graph('Function throttles', perFunction(metrics.throttles)),
        ],
        [
          graph('Function crashes and timeouts', perFunction(metrics.errors)),
          graph(
            'Function duration p99 (ms)',
            functions.map(({ id, function: fn }) =>
              fn.metricDuration({ period: metrics.api5xx.period, statistic: 'p99', label: id }),
            ),
          ),
        ],
      ],
    });
  }

  private alarm(spec: AlarmSpec): void {
    const periods = spec.periods ?? 1;
    const alarm = new Alarm(this, spec.id, {
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
