import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { ledgerMetrics } from '../metric-names.js';

const oneMinute = Duration.minutes(1);
const fiveMinutes = Duration.minutes(5);

/** Alarm when the consumer lags the stream by more than this (records give up at 6 h). */
const iteratorAgeThreshold = Duration.minutes(5);
/** Alarm when a projected event reached its read models this long after it was written. */
const projectionLagThreshold = Duration.minutes(1);

export interface WatchedFunction {
  readonly id: string;
  readonly function: IFunction;
}

export interface AlarmSpec {
  readonly id: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly description: string;
  /** Consecutive breaching periods before the alarm fires. */
  readonly periods?: number;
}

/** A metric the functions emit in embedded metric format (`lib/metric-names.ts`). */
const ledgerMetric = (metricName: string, statistic: string, period: Duration): Metric =>
  new Metric({
    namespace: ledgerMetrics.namespace,
    metricName,
    dimensionsMap: { service: ledgerMetrics.service },
    statistic,
    period,
  });

/** Every metric the alarms and the dashboard show. */
export const operationsMetrics = (
  api: HttpApi,
  consumer: IFunction,
  deadLetterQueue: IQueue,
  functions: readonly WatchedFunction[],
) => ({
  dlqDepth: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
    period: oneMinute,
    statistic: 'Maximum',
  }),
  iteratorAge: consumer.metric('IteratorAge', { period: oneMinute, statistic: 'Maximum' }),
  projectionLag: ledgerMetric(ledgerMetrics.projectionLag, 'Maximum', oneMinute),
  batchFailures: ledgerMetric(ledgerMetrics.streamBatchFailures, 'Sum', oneMinute),
  functions5xx: ledgerMetric(ledgerMetrics.http5xx, 'Sum', fiveMinutes),
  api5xx: api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
  errors: functions.map(({ id, function: fn }) => ({
    id,
    metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
  })),
  throttles: functions.map(({ id, function: fn }) => ({
    id,
    metric: fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
  })),
});

export type OperationsMetrics = ReturnType<typeof operationsMetrics>;

/** The alarms, all to one topic: each says what happened and where to look. */
export const alarmSpecs = (metrics: OperationsMetrics): AlarmSpec[] => [
  {
    id: 'DeadLetterQueueNotEmpty',
    metric: metrics.dlqDepth,
    threshold: 1,
    description: 'A stream batch exhausted its retries: redrive it (docs/deploy.md).',
  },
  {
    id: 'StreamIteratorAge',
    metric: metrics.iteratorAge,
    threshold: iteratorAgeThreshold.toMilliseconds(),
    description: 'The consumer reads the Events stream 5 minutes behind.',
    periods: 3,
  },
  {
    id: 'ProjectionLag',
    metric: metrics.projectionLag,
    threshold: projectionLagThreshold.toMilliseconds(),
    description: 'Read models show events a minute or more after they were written.',
    periods: 3,
  },
  {
    id: 'StreamBatchFailures',
    metric: metrics.batchFailures,
    threshold: 1,
    description: 'Stream batches keep failing (5 minutes running): see the consumer log.',
    periods: 5,
  },
  {
    id: 'Functions5xx',
    metric: metrics.functions5xx,
    threshold: 1,
    description: 'A function answered 5xx (a problem document): see its log by request id.',
  },
  {
    id: 'Api5xx',
    metric: metrics.api5xx,
    threshold: 1,
    description: 'The API answered 5xx, from a function or from API Gateway itself.',
  },
  ...metrics.errors.map(({ id, metric }) => ({
    id: `${id}Errors`,
    metric,
    threshold: 1,
    description: `${id} crashed or timed out.`,
  })),
  ...metrics.throttles.map(({ id, metric }) => ({
    id: `${id}Throttled`,
    metric,
    threshold: 1,
    description: `Lambda refused invocations of ${id} for lack of concurrency.`,
  })),
];
