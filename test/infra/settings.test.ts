import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettings, stackNameOf } from '../../lib/settings.js';

const settingsFor = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('readSettings', () => {
  it('defaults to a key per subject, the stack user pool with optional MFA, no CORS, no e-mail', () => {
    expect(settingsFor({})).toEqual({
      keyStrategy: 'kms-key-per-subject',
      keyRotationDays: 30,
      externalIssuer: undefined,
      userPool: { mfa: 'optional', webClient: undefined },
      corsOrigins: [],
      alarmEmail: undefined,
    });
  });

  it('reads the envelope strategy', () => {
    expect(settingsFor({ keyStrategy: 'kms-envelope' }).keyStrategy).toBe('kms-envelope');
  });

  it('reads kms-epoch with its rotation period, 30 days unless given', () => {
    expect(settingsFor({ keyStrategy: 'kms-epoch' })).toMatchObject({
      keyStrategy: 'kms-epoch',
      keyRotationDays: 30,
    });
    expect(settingsFor({ keyStrategy: 'kms-epoch', keyRotationDays: '7' }).keyRotationDays).toBe(7);
  });

  it.each(['0', '366', '1.5', 'monthly', '-30'])('rejects keyRotationDays %j', (days) => {
    expect(() => settingsFor({ keyStrategy: 'kms-epoch', keyRotationDays: days })).toThrow(
      /keyRotationDays must be a whole number of days from 1 to 365/,
    );
  });

  it('rejects keyRotationDays under a strategy without epochs', () => {
    expect(() => settingsFor({ keyStrategy: 'kms-envelope', keyRotationDays: '30' })).toThrow(
      /keyRotationDays applies to keyStrategy=kms-epoch only/,
    );
  });

  it('treats an empty keyStrategy as the default', () => {
    expect(settingsFor({ keyStrategy: '' }).keyStrategy).toBe('kms-key-per-subject');
  });

  it.each(['local', 'kms'])('rejects keyStrategy %j, not a deployed strategy', (value) => {
    expect(() => settingsFor({ keyStrategy: value })).toThrow(/keyStrategy must be one of/);
  });

  it('splits a comma-separated audience', () => {
    expect(
      settingsFor({ jwtIssuer: 'https://id.example.com', jwtAudience: 'a, b,' }).externalIssuer,
    ).toEqual({ issuer: 'https://id.example.com', audience: ['a', 'b'], scopes: [] });
  });

  it("reads the scopes that an external issuer's tokens must carry", () => {
    expect(
      settingsFor({
        jwtIssuer: 'https://id.example.com',
        jwtAudience: 'a',
        jwtScopes: 'ledger/api',
      }).externalIssuer?.scopes,
    ).toEqual(['ledger/api']);
  });

  it('reads allowed browser origins', () => {
    expect(
      settingsFor({ corsOrigins: 'https://app.example.com, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it.each([
    '*',
    'https://*.example.com',
    'https://app.example.com/',
    'https://app.example.com/console',
    'http://app.example.com',
    'app.example.com',
    'null',
  ])('rejects the CORS origin %j', (origin) => {
    expect(() => settingsFor({ corsOrigins: origin })).toThrow(/corsOrigins must list origins/);
  });

  it('requires TOTP at sign-in when told', () => {
    expect(settingsFor({ mfa: 'required' }).userPool.mfa).toBe('required');
    expect(() => settingsFor({ mfa: 'off' })).toThrow(/mfa must be optional or required/);
  });

  it('makes a browser client for the console from a sign-in domain alone', () => {
    expect(settingsFor({ cognitoDomainPrefix: 'ledger-demo' }).userPool.webClient).toEqual({
      callbackUrls: [],
      logoutUrls: [],
      domainPrefix: 'ledger-demo',
    });
  });

  it('reads a browser client with its callback, logout URLs and sign-in domain', () => {
    expect(
      settingsFor({
        oauthCallbackUrls: 'https://app.example.com/callback,http://localhost:5173/callback',
        oauthLogoutUrls: 'https://app.example.com/',
        cognitoDomainPrefix: 'ledger-demo',
      }).userPool.webClient,
    ).toEqual({
      callbackUrls: ['https://app.example.com/callback', 'http://localhost:5173/callback'],
      logoutUrls: ['https://app.example.com/'],
      domainPrefix: 'ledger-demo',
    });
  });

  it.each([
    [{ oauthCallbackUrls: 'https://app.example.com/cb' }, /need cognitoDomainPrefix/],
    [{ oauthLogoutUrls: 'https://app.example.com/' }, /need cognitoDomainPrefix/],
    [
      { oauthCallbackUrls: 'https://app.example.com/cb', cognitoDomainPrefix: 'my-cognito' },
      /without aws, amazon or cognito/,
    ],
    [
      { oauthCallbackUrls: 'https://app.example.com/cb', cognitoDomainPrefix: 'Ledger_Demo' },
      /lower-case/,
    ],
    [{ oauthCallbackUrls: 'http://app.example.com/cb', cognitoDomainPrefix: 'l' }, /https/],
    [{ oauthCallbackUrls: 'https://app.example.com/#cb', cognitoDomainPrefix: 'l' }, /fragment/],
    [
      { oauthCallbackUrls: 'https://example.com', cognitoDomainPrefix: 'l', oauthLogoutUrls: 'x' },
      /https/,
    ],
    [{ jwtIssuer: 'https://id.example.com', jwtAudience: 'a', mfa: 'required' }, /stack user pool/],
    [{ jwtScopes: 'ledger/api' }, /given together/],
  ])('rejects the identity context %j', (context, message) => {
    expect(() => settingsFor(context)).toThrow(message);
  });

  it.each([
    [{ jwtIssuer: 'https://id.example.com' }, /given together/],
    [{ jwtAudience: 'a' }, /given together/],
    [{ jwtIssuer: 'http://id.example.com', jwtAudience: 'a' }, /https/],
    [{ keyStrategy: 42 }, /must be a string/],
  ])('rejects %j', (context, message) => {
    expect(() => settingsFor(context)).toThrow(message);
  });

  it('names the stack Ledger unless told otherwise', () => {
    expect(stackNameOf(new App().node)).toBe('Ledger');
    expect(stackNameOf(new App({ context: { stackName: 'LedgerDev' } }).node)).toBe('LedgerDev');
  });
});
