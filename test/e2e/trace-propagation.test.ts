import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRawClient } from '../../lambdas/dynamodb-client.js';
import { fromEventItem } from '../../lambdas/event-store/event-item.js';
import { startLocalApi, type LocalApi } from './support/local-api.js';

const traceparentFormat = /^00-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;
const traceIdOf = (traceparent: unknown) => String(traceparent).split('-')[1];

// One request followed from command to event to projection: by the trace id alone, as the
// CloudWatch Logs Insights query in docs/operations does it.
describe('a W3C traceparent from request to event to projection', () => {
  let api: LocalApi;
  const lines: string[] = [];

  beforeAll(async () => {
    api = await startLocalApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const captureLines = () => {
    lines.length = 0;
    vi.stubEnv('LOG_LEVEL', 'DEBUG');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
  };

  const eventsOf = async (accountId: string) => {
    const client = createRawClient({ endpoint: api.runtime.dynamoEndpoint });
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: api.runtime.tables.Events,
        KeyConditionExpression: 'accountId = :id',
        ExpressionAttributeValues: { ':id': { S: accountId } },
        ConsistentRead: true,
      }),
    );
    client.destroy();
    return Items.map((item) => {
      const { type, metadata } = fromEventItem(item);
      return { type, metadata: metadata as unknown as Record<string, unknown> };
    });
  };

  const open = async (sub: string, headers: Record<string, string> = {}) => {
    const response = await api.call('POST', '/accounts', {
      sub,
      headers,
      body: { holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 5_000 },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { accountId: string }).accountId;
  };

  it("continues the caller's valid trace in the event's metadata, as a new span of it", async () => {
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    const accountId = await open('trace-ada', { traceparent: caller });

    const [opened] = await eventsOf(accountId);
    expect(opened?.metadata['traceparent']).toMatch(traceparentFormat);
    expect(traceIdOf(opened?.metadata['traceparent'])).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(opened?.metadata['traceparent']).not.toBe(caller);
  });

  it.each([
    ['none', undefined],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['upper case', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['two joined', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01,00-a-b-01'],
  ])('starts a new trace when the caller sent %s', async (_, traceparent) => {
    const accountId = await open('trace-bob', traceparent === undefined ? {} : { traceparent });

    const [opened] = await eventsOf(accountId);
    expect(opened?.metadata['traceparent']).toMatch(traceparentFormat);
    expect(traceIdOf(opened?.metadata['traceparent'])).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('carries a transfer request’s trace into the credit and every line on the way', async () => {
    const from = await open('trace-carol');
    const to = await open('trace-dave');
    await api.runtime.whenIdle();
    const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
    captureLines();

    const started = await api.call('POST', '/transfers', {
      sub: 'trace-carol',
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      body: { fromAccountId: from, toAccountId: to, amount: 1_000 },
    });
    await api.runtime.whenIdle();
    await api.runtime.whenIdle();

    expect(started.status).toBe(202);
    const received = (await eventsOf(to)).find((event) => event.type === 'TransferReceived');
    const sent = (await eventsOf(from)).find((event) => event.type === 'TransferSent');
    expect(traceIdOf(sent?.metadata['traceparent'])).toBe(traceId);
    expect(traceIdOf(received?.metadata['traceparent'])).toBe(traceId);
    const traced = lines.filter((line) => line.includes(`trace=${traceId}`));
    expect(traced.some((line) => / POST \/transfers 202 /.test(line))).toBe(true);
    expect(traced.some((line) => /event consumed .*type=TransferSent/.test(line))).toBe(true);
    expect(traced.some((line) => /event consumed .*type=TransferReceived/.test(line))).toBe(true);
  });
});
