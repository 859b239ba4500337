import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';

/** Issuer of local tokens; the local server accepts no other. */
export const tokenIssuer = 'ledger-local';
/** Audience of local tokens, as the deployed JWT authorizer is configured with one audience. */
export const tokenAudience = 'ledger';
/** Default lifetime of a minted token: one hour. */
export const defaultTokenTtlSeconds = 3600;

/** Claims as API Gateway's JWT authorizer hands them to a Lambda: every value a string. */
export type GatewayClaims = Record<string, string>;

const userIdPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const secretFileName = 'jwt-secret';
const secretBytes = 32;

/** Whether a user id is an acceptable opaque `sub` (no personal data can be derived from it). */
export const isValidUserId = (userId: string): boolean => userIdPattern.test(userId);

const readSecret = async (path: string): Promise<Uint8Array> => {
  const secret = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  if (secret.length < secretBytes) {
    throw new Error(`${path} holds fewer than ${secretBytes} bytes: delete it to make a new one`);
  }
  return secret;
};

/**
 * The HS256 signing secret in `<dataDir>/jwt-secret`, created (mode 0600) on first need. The same
 * file serves persistent and in-memory runs, so `npm run token` works for both.
 */
export const loadSigningSecret = async (dataDir: string): Promise<Uint8Array> => {
  const path = join(dataDir, secretFileName);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two processes starting together cannot overwrite each other.
    await writeFile(path, randomBytes(secretBytes).toString('base64url'), {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
      throw error;
    }
  }
  return readSecret(path);
};

export interface MintTokenOptions {
  readonly sub: string;
  readonly ttlSeconds?: number;
  /** Issue time in epoch seconds; now when omitted (tests mint expired tokens with it). */
  readonly issuedAt?: number;
}

/** Signs a local JWT carrying `sub`, `iss`, `aud`, `iat` and `exp`. */
export const mintToken = async (secret: Uint8Array, options: MintTokenOptions): Promise<string> => {
  if (!isValidUserId(options.sub)) {
    throw new Error('user id must match [A-Za-z0-9._:@-]{1,128}');
  }
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? defaultTokenTtlSeconds))
    .sign(secret);
};

const claimToString = (value: unknown): string => {
  if (typeof value === 'string') {
    return value;
  }
  // API Gateway renders an array claim as "[a b]" and numbers/booleans as their text.
  if (Array.isArray(value)) {
    return `[${value.map(claimToString).join(' ')}]`;
  }
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
};

/** Turns a verified payload into the string map API Gateway passes in `authorizer.jwt.claims`. */
export const toGatewayClaims = (payload: JWTPayload): GatewayClaims =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimToString(value)]));

/**
 * Verifies a token like the deployed JWT authorizer: HS256 signature, issuer, audience and expiry.
 * Answers the claims, or undefined for any invalid token (the reason is never needed by a caller).
 */
export const verifyToken = async (
  secret: Uint8Array,
  token: string,
): Promise<GatewayClaims | undefined> => {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: tokenIssuer,
      audience: tokenAudience,
      requiredClaims: ['sub', 'exp'],
    });
    return toGatewayClaims(payload);
  } catch {
    return undefined;
  }
};
