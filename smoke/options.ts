import { parseArgs } from 'node:util';

type Env = Readonly<Record<string, string | undefined>>;

/** How the smoke test gets a user's bearer token. */
export type Identity =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'cognito';
      readonly username: string;
      readonly password: string;
      readonly clientId: string;
      readonly region: string;
    }
  /** Mint a token for a fresh user with the local runtime's signing secret (127.0.0.1 only). */
  | { readonly kind: 'local'; readonly dataDir: string };

export interface SmokeOptions {
  /** The API's base URL without a trailing slash. */
  readonly url: string;
  readonly user: Identity;
  /** The throw-away user whose personal data is erased; undefined: that step cannot run. */
  readonly throwaway: Identity | undefined;
  /** How long read models and transfers may take to converge. */
  readonly convergeMs: number;
}

/** Thrown for a bad flag; the CLI prints its message and the usage, and exits with code 2. */
export class SmokeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmokeUsageError';
  }
}

export const smokeUsage = [
  'usage: npm run smoke -- --url <ApiUrl> [--token T | --username U --password P --client-id C]',
  '         [--erase-token T2 | --erase-username U2 --erase-password P2] [--region R] [--timeout S]',
  'Against 127.0.0.1 without credentials it mints tokens for new users (LEDGER_DATA_DIR, default .data).',
].join('\n');

const flags = {
  url: { type: 'string' },
  token: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'client-id': { type: 'string' },
  region: { type: 'string' },
  'erase-token': { type: 'string' },
  'erase-username': { type: 'string' },
  'erase-password': { type: 'string' },
  timeout: { type: 'string' },
} as const;

type Flags = Partial<Record<keyof typeof flags, string>>;

const baseUrlOf = (raw: string | undefined): URL => {
  if (raw === undefined || raw === '') {
    throw new SmokeUsageError('--url is required (the stack output ApiUrl, or the local URL)');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SmokeUsageError(`--url is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SmokeUsageError('--url must be http:// or https://');
  }
  return url;
};

const isLoopback = (url: URL): boolean =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The region of an execute-api URL (`https://{id}.execute-api.{region}.amazonaws.com/`). */
export const regionOfApiUrl = (url: URL): string | undefined =>
  /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];

const nonEmpty = (...values: (string | undefined)[]): string | undefined =>
  values.find((value) => value !== undefined && value !== '');

const cognitoOf = (
  username: string,
  password: string | undefined,
  context: { url: URL; values: Flags; env: Env },
): Identity => {
  if (password === undefined) {
    throw new SmokeUsageError('a username needs its password');
  }
  const clientId = nonEmpty(context.values['client-id'], context.env['LEDGER_CLIENT_ID']);
  const region = nonEmpty(
    context.values.region,
    regionOfApiUrl(context.url),
    context.env['AWS_REGION'],
  );
  if (clientId === undefined) {
    throw new SmokeUsageError('signing in needs --client-id (the stack output UserPoolClientId)');
  }
  if (region === undefined) {
    throw new SmokeUsageError('signing in needs --region (not found in the URL)');
  }
  return { kind: 'cognito', username, password, clientId, region };
};

const identityOf = (
  given: { token: string | undefined; username: string | undefined; password: string | undefined },
  context: { url: URL; values: Flags; env: Env },
): Identity | undefined => {
  if (given.token !== undefined && given.username !== undefined) {
    throw new SmokeUsageError('give a token or a username and password, not both');
  }
  if (given.token !== undefined) {
    return { kind: 'token', token: given.token };
  }
  if (given.username !== undefined) {
    return cognitoOf(given.username, given.password, context);
  }
  if (given.password !== undefined) {
    throw new SmokeUsageError('a password needs its username');
  }
  return isLoopback(context.url)
    ? { kind: 'local', dataDir: nonEmpty(context.env['LEDGER_DATA_DIR']) ?? '.data' }
    : undefined;
};

const timeoutOf = (raw: string | undefined): number => {
  if (raw === undefined) {
    return 60_000;
  }
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new SmokeUsageError(`--timeout must be 1-3600 seconds, got "${raw}"`);
  }
  return seconds * 1000;
};

/** Reads the smoke test's flags; the environment supplies LEDGER_DATA_DIR, LEDGER_CLIENT_ID, AWS_REGION. */
export const parseSmokeOptions = (args: readonly string[], env: Env): SmokeOptions => {
  let values: Flags;
  try {
    values = parseArgs({ args: [...args], options: flags, allowPositionals: false }).values;
  } catch (error) {
    throw new SmokeUsageError(error instanceof Error ? error.message : 'bad arguments');
  }
  const url = baseUrlOf(values.url);
  const context = { url, values, env };
  const user = identityOf(
    { token: values.token, username: values.username, password: values.password },
    context,
  );
  if (user === undefined) {
    throw new SmokeUsageError('a deployed API needs --token or --username and --password');
  }
  const throwaway = identityOf(
    {
      token: values['erase-token'],
      username: values['erase-username'],
      password: values['erase-password'],
    },
    context,
  );
  return {
    url: url.href.replace(/\/+$/, ''),
    user,
    throwaway,
    convergeMs: timeoutOf(values.timeout),
  };
};
