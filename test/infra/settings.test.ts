import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettings, stackNameOf } from '../../lib/settings.js';

const settingsFor = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('readSettings', () => {
  it('defaults to a key per subject, the stack user pool and no e-mail', () => {
    expect(settingsFor({})).toEqual({
      keyStrategy: 'kms-key-per-subject',
      externalIssuer: undefined,
      alarmEmail: undefined,
    });
  });

  it('reads the envelope strategy', () => {
    expect(settingsFor({ keyStrategy: 'kms-envelope' }).keyStrategy).toBe('kms-envelope');
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
    ).toEqual({ issuer: 'https://id.example.com', audience: ['a', 'b'] });
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
