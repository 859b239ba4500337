import { describe, expect, it } from 'vitest';
import { parseStartOptions, parseTokenOptions, UsageError } from '../../../local/cli-options.js';

describe('npm start options', () => {
  it('defaults to port 3000, DynamoDB Local on 8000, data under .data and readable log lines', () => {
    expect(parseStartOptions([], {})).toEqual({
      port: 3000,
      dynamoPort: 8000,
      dataDir: '.data',
      inMemory: false,
      logFormat: 'text',
      webhookUrls: [],
    });
  });

  it('reads PORT, DYNAMODB_PORT, LEDGER_DATA_DIR, --in-memory and --log-json', () => {
    const env = { PORT: '4000', DYNAMODB_PORT: '8100', LEDGER_DATA_DIR: '/tmp/l' };

    expect(parseStartOptions(['--in-memory', '--log-json'], env)).toEqual({
      port: 4000,
      dynamoPort: 8100,
      dataDir: '/tmp/l',
      inMemory: true,
      logFormat: 'json',
      webhookUrls: [],
    });
  });

  it('rejects a bad port, an unknown flag and a stray argument', () => {
    expect(() => parseStartOptions([], { PORT: 'abc' })).toThrow(UsageError);
    expect(() => parseStartOptions([], { DYNAMODB_PORT: '70000' })).toThrow(/DYNAMODB_PORT/);
    expect(() => parseStartOptions(['--memory'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['extra'], {})).toThrow(UsageError);
  });
});

describe('npm start webhooks', () => {
  it('reads --webhook (repeatable) and LEDGER_WEBHOOK_URLS, each URL once', () => {
    const env = { LEDGER_WEBHOOK_URLS: 'http://127.0.0.1:9001/b, http://127.0.0.1:9000/a' };

    expect(
      parseStartOptions(
        ['--webhook', 'http://127.0.0.1:9000/a', '--webhook', 'http://[::1]:9/c'],
        env,
      ).webhookUrls,
    ).toEqual(['http://127.0.0.1:9000/a', 'http://[::1]:9/c', 'http://127.0.0.1:9001/b']);
  });

  it.each([
    [['--webhook', 'https://hooks.example.com/ledger'], {}],
    [[], { LEDGER_WEBHOOK_URLS: 'http://127.0.0.1:1/, http://192.168.1.20/' }],
    [['--webhook', 'http://localhost:9000/'], {}],
  ])('refuses a webhook off this machine before starting: %j %j', (args, env) => {
    expect(() => parseStartOptions(args, env)).toThrow(UsageError);
    expect(() => parseStartOptions(args, env)).toThrow(/loopback only/);
  });
});

describe('npm run token options', () => {
  it('reads the user id and a ttl', () => {
    expect(parseTokenOptions(['user-1', '--ttl', '60'], {})).toEqual({
      userId: 'user-1',
      ttlSeconds: 60,
      dataDir: '.data',
    });
  });

  it('rejects a missing or invalid user id and a bad ttl', () => {
    expect(() => parseTokenOptions([], {})).toThrow(/usage/);
    expect(() => parseTokenOptions(['a b'], {})).toThrow(UsageError);
    expect(() => parseTokenOptions(['u', '--ttl', '-5'], {})).toThrow(/ttl/);
  });
});
