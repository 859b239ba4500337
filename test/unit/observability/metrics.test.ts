import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ledgerMetrics } from '../../../lib/metric-names.js';
import type * as Observability from '../../../lambdas/observability.js';

// The alarms in lib/constructs/operations.ts watch these exact names in namespace Ledger with the
// dimension service=ledger. Embedded metric format:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

let observability: typeof Observability;

beforeAll(async () => {
  // vitest.config.ts turns metrics off everywhere else; this file checks what Lambda would log.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  observability = await import('../../../lambdas/observability.js');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const emitted = (act: () => void): EmfDocument[] => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    lines.push(String(line));
  });
  act();
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfDocument);
};

const metricNames = (document: EmfDocument | undefined) =>
  document?._aws.CloudWatchMetrics.flatMap((entry) => entry.Metrics.map((metric) => metric.Name));

describe('metrics in embedded metric format', () => {
  it('counts a 5xx response as Http5xx in namespace Ledger, dimension service', () => {
    const [document] = emitted(() => {
      observability.countResponse(503);
    });

    expect(document?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: ledgerMetrics.namespace,
      Dimensions: [['service']],
    });
    expect(metricNames(document)).toEqual([ledgerMetrics.http5xx]);
    expect(document?.['service']).toBe(ledgerMetrics.service);
    expect(document?.[ledgerMetrics.http5xx]).toBe(1);
  });

  it('reports a batch with its failures and the projection lag in milliseconds', () => {
    const [document] = emitted(() => {
      observability.countBatch(100, 1, 2500);
    });

    expect(metricNames(document)?.sort()).toEqual(
      [
        ledgerMetrics.streamRecords,
        ledgerMetrics.streamBatchFailures,
        ledgerMetrics.projectionLag,
      ].sort(),
    );
    expect(document?.[ledgerMetrics.projectionLag]).toBe(2500);
    expect(document?.[ledgerMetrics.streamBatchFailures]).toBe(1);
    const lag = document?._aws.CloudWatchMetrics[0]?.Metrics.find(
      (metric) => metric.Name === ledgerMetrics.projectionLag,
    );
    expect(lag?.Unit).toBe('Milliseconds');
  });

  it('leaves the lag out when the batch applied nothing', () => {
    const [document] = emitted(() => {
      observability.countBatch(3, 1);
    });

    expect(metricNames(document)).not.toContain(ledgerMetrics.projectionLag);
  });
});
