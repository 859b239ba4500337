/**
 * The custom metrics the functions emit (CloudWatch embedded metric format, namespace `Ledger`,
 * dimension `service`), named once: `lambdas/observability.ts` emits them and the alarms in
 * `lib/constructs/operations.ts` watch them, so a rename cannot leave an alarm on nothing.
 */
export const ledgerMetrics = {
  namespace: 'Ledger',
  service: 'ledger',
  /** Responses by status class: `Http2xx`, `Http4xx`, `Http5xx`. */
  http5xx: 'Http5xx',
  streamRecords: 'StreamRecords',
  /** Records a stream batch handed back for redelivery (0 or 1: the first failed one). */
  streamBatchFailures: 'StreamBatchFailures',
  /** Milliseconds from an event's write to the end of the batch that projected it. */
  projectionLag: 'ProjectionLag',
} as const;
