/**
 * Imported first by bench/run.ts, before any module of lambdas/: Powertools reads these when its
 * Logger, Metrics and Tracer are constructed at import. A deployed function writes a log line and an
 * EMF metric per request to CloudWatch; here they would flood the report's stdout.
 */
Object.assign(process.env, {
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
});

export {};
