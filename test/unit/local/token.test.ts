import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isValidUserId,
  loadSigningSecret,
  mintToken,
  toGatewayClaims,
  verifyToken,
} from '../../../local/token.js';

describe('local tokens', () => {
  let dataDir: string;
  let secret: Uint8Array;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-token-'));
    secret = await loadSigningSecret(dataDir);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the signing secret readable by its owner only', async () => {
    const info = await stat(join(dataDir, 'jwt-secret'));

    expect(info.mode & 0o777).toBe(0o600);
  });

  it('reuses the same secret on the next load', async () => {
    const again = await loadSigningSecret(dataDir);

    expect(Buffer.from(again).equals(Buffer.from(secret))).toBe(true);
  });

  it('verifies a minted token and passes its claims as strings', async () => {
    const now = Math.floor(Date.now() / 1000);

    const claims = await verifyToken(secret, await mintToken(secret, { sub: 'user-1' }));

    expect(claims).toMatchObject({ sub: 'user-1', iss: 'ledger-local', aud: 'ledger' });
    expect(Number(claims?.['exp']) - Number(claims?.['iat'])).toBe(3600);
    expect(Math.abs(Number(claims?.['iat']) - now)).toBeLessThan(5);
  });

  it('rejects an expired token', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 7200;

    const token = await mintToken(secret, { sub: 'user-1', issuedAt, ttlSeconds: 60 });

    expect(await verifyToken(secret, token)).toBeUndefined();
  });

  it('rejects a token signed with another secret', async () => {
    const forged = await mintToken(new Uint8Array(32).fill(7), { sub: 'user-1' });

    expect(await verifyToken(secret, forged)).toBeUndefined();
  });

  it('rejects a token from another issuer or for another audience', async () => {
    const sign = (issuer: string, audience: string) =>
      new SignJWT({ sub: 'user-1' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(secret);

    expect(await verifyToken(secret, await sign('someone-else', 'ledger'))).toBeUndefined();
    expect(await verifyToken(secret, await sign('ledger-local', 'other'))).toBeUndefined();
  });

  it('rejects an unsigned token', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const body = Buffer.from('{"sub":"u","iss":"ledger-local","aud":"ledger","exp":9999999999}');

    const claims = await verifyToken(secret, `${header}.${body.toString('base64url')}.`);

    expect(claims).toBeUndefined();
  });

  it('renders array and number claims the way API Gateway does', () => {
    expect(toGatewayClaims({ aud: ['a', 'b'], exp: 12, ok: true })).toEqual({
      aud: '[a b]',
      exp: '12',
      ok: 'true',
    });
  });

  it('accepts opaque ids and refuses ids with spaces or over 128 characters', () => {
    expect(isValidUserId('auth0|x')).toBe(false);
    expect(isValidUserId('user@example.org')).toBe(true);
    expect(isValidUserId('a b')).toBe(false);
    expect(isValidUserId('x'.repeat(129))).toBe(false);
    expect(isValidUserId('x'.repeat(128))).toBe(true);
  });

  it('refuses to mint a token for an invalid user id', async () => {
    await expect(mintToken(secret, { sub: 'a b' })).rejects.toThrow(/user id/);
  });
});
