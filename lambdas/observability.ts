import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ledgerMetrics } from './metric-names.js';

/**
 * Metrics (CloudWatch embedded metric format) for every function: routes, counts and statuses only,
 * never personal data. The local runtime and tests turn them off (POWERTOOLS_METRICS_DISABLED).
 * Tracing is Lambda's own (active tracing in the stack) plus the W3C traceparent in every log line
 * and event (docs/adr/0107); no X-Ray SDK is bundled.
 */
export const metrics = new Metrics({
  namespace: ledgerMetrics.namespace,
  serviceName: ledgerMetrics.service,
});

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
