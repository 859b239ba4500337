import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ledgerMetrics } from './metric-names.js';

/**
 * Metrics (CloudWatch embedded metric format) and X-Ray tracing for every function. Both carry ids,
 * routes, counts and statuses only, never personal data. Outside Lambda, tracing is off by itself
 * and the local runtime and tests turn metrics off (POWERTOOLS_METRICS_DISABLED).
 */
export const metrics = new Metrics({
  namespace: ledgerMetrics.namespace,
  serviceName: ledgerMetrics.service,
});

export const tracer = new Tracer({ serviceName: 'ledger' });

/** Counts one response by status class (Http2xx, Http4xx, Http5xx) and publishes it. */
export const countResponse = (status: number | undefined): void => {
  metrics.addMetric(`Http${String(Math.floor((status ?? 200) / 100))}xx`, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
};

/**
 * Counts a stream batch and the records it had to hand back, with the projection lag after it
 * (`lambdas/projections/projection-lag.ts`) when the batch applied any record.
 */
export const countBatch = (records: number, failed: number, lagMs?: number): void => {
  metrics.addMetric(ledgerMetrics.streamRecords, MetricUnit.Count, records);
  metrics.addMetric(ledgerMetrics.streamBatchFailures, MetricUnit.Count, failed);
  if (lagMs !== undefined) {
    metrics.addMetric(ledgerMetrics.projectionLag, MetricUnit.Milliseconds, lagMs);
  }
  metrics.publishStoredMetrics();
};
