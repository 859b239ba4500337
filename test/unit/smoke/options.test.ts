import { describe, expect, it } from 'vitest';
import { parseSmokeOptions, regionOfApiUrl, SmokeUsageError } from '../../../smoke/options.js';

const apiUrl = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/';

describe('npm run smoke options', () => {
  it('drops the trailing slash of ApiUrl, so paths never start with //', () => {
    const options = parseSmokeOptions(['--url', apiUrl, '--token', 't'], {});

    expect(options.url).toBe('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com');
    expect(options.user).toEqual({ kind: 'token', token: 't' });
    expect(options.throwaway).toBeUndefined();
    expect(options.convergeMs).toBe(60_000);
  });

  it('signs in with the client id and the region of the execute-api URL', () => {
    const options = parseSmokeOptions(
      ['--url', apiUrl, '--username', 'u', '--password', 'p', '--client-id', 'c'],
      {},
    );

    expect(options.user).toEqual({
      kind: 'cognito',
      username: 'u',
      password: 'p',
      clientId: 'c',
      region: 'eu-west-1',
    });
    expect(regionOfApiUrl(new URL('https://api.example.com/'))).toBeUndefined();
  });

  it('takes a throw-away user to erase by token or by password', () => {
    const byToken = parseSmokeOptions(['--url', apiUrl, '--token', 't', '--erase-token', 't2'], {});
    const byPassword = parseSmokeOptions(
      ['--url', apiUrl, '--token', 't', '--erase-username', 'u2', '--erase-password', 'p2'],
      { LEDGER_CLIENT_ID: 'c' },
    );

    expect(byToken.throwaway).toEqual({ kind: 'token', token: 't2' });
    expect(byPassword.throwaway).toMatchObject({ kind: 'cognito', username: 'u2', clientId: 'c' });
  });

  it('mints new local users against 127.0.0.1 when no credentials are given', () => {
    const options = parseSmokeOptions(['--url', 'http://127.0.0.1:3000'], {
      LEDGER_DATA_DIR: '/tmp/d',
    });

    expect(options.user).toEqual({ kind: 'local', dataDir: '/tmp/d' });
    expect(options.throwaway).toEqual({ kind: 'local', dataDir: '/tmp/d' });
  });

  it.each([
    [[], /--url is required/],
    [['--url', 'ftp://x'], /http/],
    [['--url', 'not a url'], /not a URL/],
    [['--url', apiUrl], /needs --token or --username/],
    [['--url', apiUrl, '--token', 't', '--username', 'u', '--password', 'p'], /not both/],
    [['--url', apiUrl, '--username', 'u'], /needs its password/],
    [['--url', apiUrl, '--password', 'p'], /needs its username/],
    [['--url', apiUrl, '--username', 'u', '--password', 'p'], /--client-id/],
    [
      [
        '--url',
        'https://api.example.com',
        '--username',
        'u',
        '--password',
        'p',
        '--client-id',
        'c',
      ],
      /--region/,
    ],
    [['--url', apiUrl, '--token', 't', '--timeout', '0'], /--timeout/],
    [['--url', apiUrl, '--token', 't', '--bogus'], /bogus/],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parseSmokeOptions(args, {})).toThrow(SmokeUsageError);
    expect(() => parseSmokeOptions(args, {})).toThrow(message);
  });
});
