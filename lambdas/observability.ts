import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadLogSettings, type LogLevel } from './config.js';
import { jsonLine, textLine, type LogRecord } from './log-line.js';
import { currentLogScope } from './log-scope.js';
import { ledgerMetrics } from '../lib/metric-names.js';

type Level = LogRecord['level'];
type Attributes = Readonly<Record<string, unknown>>;

const rank: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 99 };

// The consumer's line per applied event is for following a trace in CloudWatch; a terminal shows
// it only at DEBUG, so a request stays one line there.
const terminalDetail = new Set(['event consumed']);

const write = (level: Level, message: string, attributes: Attributes = {}): void => {
  const settings = loadLogSettings();
  if (rank[level] < rank[settings.level]) {
    return;
  }
  const record = { level, message, time: new Date(), scope: currentLogScope(), attributes };
  if (settings.format === 'text') {
    if (!terminalDetail.has(message) || settings.level === 'DEBUG') {
      process.stdout.write(`${textLine(record)}\n`);
    }
    return;
  }
  process.stdout.write(`${jsonLine(record)}\n`);
};

/**
 * The one logger: a line per call, with the request id, route and traceparent of the work it runs
 * in (lambdas/log-scope.ts). Log lines carry ids, codes, statuses and timings only: never
 * request bodies, names, tokens, decrypted values or the messages of foreign errors.
 */
export const logger = {
  debug: (message: string, attributes?: Attributes): void => {
    write('DEBUG', message, attributes);
  },
  info: (message: string, attributes?: Attributes): void => {
    write('INFO', message, attributes);
  },
  warn: (message: string, attributes?: Attributes): void => {
    write('WARN', message, attributes);
  },
  error: (message: string, attributes?: Attributes): void => {
    write('ERROR', message, attributes);
  },
};

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
