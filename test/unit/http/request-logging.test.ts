import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent, HttpHandlerFn } from '../../../lambdas/http/middleware.js';
import { buildLambdaContext } from '../../../local/gateway-event.js';

type LogLine = Record<string, unknown>;

const eventFor = (routeKey: string, requestId: string, headers: Record<string, string> = {}) =>
  ({ routeKey, headers, requestContext: { requestId } }) as unknown as HttpEvent;

// Log lines as the process writes them (stdout and stderr), in JSON (the format on Lambda).
const captureLogLines = () => {
  const lines: LogLine[] = [];
  const collect = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      lines.push(JSON.parse(line) as LogLine);
    }
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(collect),
    vi.spyOn(process.stderr, 'write').mockImplementation(collect),
  ];
  return {
    lines,
    restore: () => {
      for (const spy of spies) {
        spy.mockRestore();
      }
    },
  };
};

describe('request logging', () => {
  let httpHandler: (fn: HttpHandlerFn) => HttpHandlerFn;
  let log: { info(message: string, attributes?: Record<string, unknown>): void };
  let capture: ReturnType<typeof captureLogLines>;

  beforeEach(async () => {
    vi.stubEnv('LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('LOG_FORMAT', 'json');
    vi.resetModules();
    ({ httpHandler } = await import('../../../lambdas/http/middleware.js'));
    ({ logger: log } = await import('../../../lambdas/observability.js'));
    capture = captureLogLines();
  });

  afterEach(() => {
    capture.restore();
    vi.unstubAllEnvs();
  });

  it('names its own route and request id on every line of concurrent requests', async () => {
    // The first request starts first and finishes last: each one's lines come while the other runs.
    const handler = httpHandler(async (event) => {
      await sleep(event.routeKey === 'DELETE /me/personal-data' ? 60 : 10);
      log.info('working');
      if (event.routeKey === 'DELETE /me/personal-data') {
        throw new TypeError('boom');
      }
      await sleep(10);
      return { statusCode: 201 };
    });
    const erase = eventFor('DELETE /me/personal-data', 'req-erase');
    const transfer = eventFor('POST /transfers', 'req-transfer');

    await Promise.all([
      handler(erase, buildLambdaContext('ErasePersonalData', 'req-erase')),
      handler(transfer, buildLambdaContext('StartTransfer', 'req-transfer')),
    ]);

    const byRequest = (requestId: string) =>
      capture.lines.filter((line) => line['requestId'] === requestId);
    expect(capture.lines.length).toBeGreaterThanOrEqual(5);
    expect(byRequest('req-erase').map((line) => [line['message'], line['route']])).toEqual([
      ['working', 'DELETE /me/personal-data'],
      ['unhandled error', 'DELETE /me/personal-data'],
      ['request', 'DELETE /me/personal-data'],
    ]);
    expect(byRequest('req-transfer').map((line) => [line['message'], line['route']])).toEqual([
      ['working', 'POST /transfers'],
      ['request', 'POST /transfers'],
    ]);
  });

  it('logs the name and stack frames of an unexpected error, never its message', async () => {
    const secret = 'Jane Doe 1970-01-01';
    const handler = httpHandler(() => {
      // A foreign error whose message carries personal data, even on lines shaped like frames.
      throw new RangeError(`${secret}\n    at ${secret} (file:1:1)`);
    });

    const response = await handler(
      eventFor('GET /accounts', 'req-1'),
      buildLambdaContext('F', 'r'),
    );

    expect(response.statusCode).toBe(500);
    const error = capture.lines.find((line) => line['message'] === 'unhandled error');
    expect(error).toMatchObject({ errorName: 'RangeError', route: 'GET /accounts' });
    expect(String(error?.['stack'])).toMatch(/^ {4}at .*request-logging\.test\.ts/);
    expect(JSON.stringify(capture.lines)).not.toContain('Jane');
  });
});
