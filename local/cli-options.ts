import { parseArgs } from 'node:util';
import { loopbackWebhookUrl, WebhookUrlError } from '../lambdas/webhook-urls.js';
import { defaultTokenTtlSeconds, isValidUserId } from './token.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What `npm start` runs with. */
export interface LocalStartOptions {
  readonly port: number;
  readonly dynamoPort: number;
  readonly dataDir: string;
  readonly inMemory: boolean;
  /** One readable line per request (`text`), or JSON lines as on Lambda (`--log-json`). */
  readonly logFormat: 'text' | 'json';
  /** Loopback URLs that receive every integration event (`--webhook`, LEDGER_WEBHOOK_URLS). */
  readonly webhookUrls: readonly string[];
}

/** What `npm run token` runs with. */
export interface TokenCliOptions {
  readonly userId: string;
  readonly ttlSeconds: number;
  readonly dataDir: string;
}

/** Thrown for a bad flag or variable; the CLIs print its message and exit with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const defaultDataDir = '.data';

const portOf = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') {
    return fallback;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`${name} must be a port number (0-65535), got "${value}"`);
  }
  return port;
};

const dataDirOf = (env: Env): string => {
  const dir = env['LEDGER_DATA_DIR'];
  return dir === undefined || dir === '' ? defaultDataDir : dir;
};

// parseArgs throws plain TypeErrors for unknown flags; they are usage errors.
const asUsage = <T>(parse: () => T): T => {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'bad arguments');
  }
};

// `--webhook <url>` (repeatable) and LEDGER_WEBHOOK_URLS (comma-separated), loopback only.
export const webhooksOf = (flags: readonly string[], env: Env): string[] => {
  const listed = (env['LEDGER_WEBHOOK_URLS'] ?? '').split(',').map((url) => url.trim());
  try {
    return [...new Set([...flags, ...listed].filter((url) => url !== '').map(loopbackWebhookUrl))];
  } catch (error) {
    throw error instanceof WebhookUrlError ? new UsageError(error.message) : error;
  }
};

/**
 * Reads `npm start` flags (`--in-memory`, `--log-json`, `--webhook <url>`) and PORT,
 * DYNAMODB_PORT, LEDGER_DATA_DIR and LEDGER_WEBHOOK_URLS.
 */
export const parseStartOptions = (args: readonly string[], env: Env): LocalStartOptions => {
  const parsed = asUsage(() =>
    parseArgs({
      args: [...args],
      options: {
        'in-memory': { type: 'boolean', default: false },
        'log-json': { type: 'boolean', default: false },
        webhook: { type: 'string', multiple: true, default: [] },
      },
      allowPositionals: true,
    }),
  );
  if (parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positionals.join(' ')}"`);
  }
  return {
    port: portOf(env['PORT'], 3000, 'PORT'),
    dynamoPort: portOf(env['DYNAMODB_PORT'], 8000, 'DYNAMODB_PORT'),
    dataDir: dataDirOf(env),
    inMemory: parsed.values['in-memory'],
    logFormat: parsed.values['log-json'] ? 'json' : 'text',
    webhookUrls: webhooksOf(parsed.values.webhook, env),
  };
};

const ttlOf = (value: string | undefined): number => {
  if (value === undefined) {
    return defaultTokenTtlSeconds;
  }
  const ttl = Number(value);
  if (!Number.isSafeInteger(ttl) || ttl <= 0) {
    throw new UsageError(`--ttl must be a positive number of seconds, got "${value}"`);
  }
  return ttl;
};

/** Reads `npm run token -- <userId> [--ttl <seconds>]` and LEDGER_DATA_DIR. */
export const parseTokenOptions = (args: readonly string[], env: Env): TokenCliOptions => {
  const parsed = asUsage(() =>
    parseArgs({ args: [...args], options: { ttl: { type: 'string' } }, allowPositionals: true }),
  );
  const [userId, ...rest] = parsed.positionals;
  if (userId === undefined || rest.length > 0) {
    throw new UsageError('usage: npm run token -- <userId> [--ttl <seconds>]');
  }
  if (!isValidUserId(userId)) {
    throw new UsageError('userId must be 1-128 characters of A-Z a-z 0-9 . _ : @ -');
  }
  return { userId, ttlSeconds: ttlOf(parsed.values['ttl']), dataDir: dataDirOf(env) };
};
