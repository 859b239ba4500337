/**
 * Imported first by bench/run.ts, before any module of lambdas/: Powertools Metrics reads these when it
 * is constructed at import, and the logger reads LOG_LEVEL. A deployed function writes a log line and an
 * EMF metric per request to CloudWatch; here they would flood the report's stdout.
 */
Object.assign(process.env, {
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

export {};
