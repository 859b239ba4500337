import { randomUUID } from 'node:crypto';
import { loadSigningSecret, mintToken } from '../local/token.js';
import { signInWithPassword, type FetchLike } from './cognito.js';
import type { Identity } from './options.js';

/**
 * A bearer token for an identity: the given token, a Cognito sign-in, or (against the local
 * runtime) a token minted for a brand-new user, so every local run starts as a new user would.
 */
export const tokenFor = async (
  identity: Identity,
  role: 'user' | 'throwaway',
  fetchFn?: FetchLike,
): Promise<string> => {
  switch (identity.kind) {
    case 'token':
      return identity.token;
    case 'cognito':
      return signInWithPassword(identity, fetchFn);
    case 'local':
      return mintToken(await loadSigningSecret(identity.dataDir), {
        sub: `smoke-${role}-${randomUUID()}`,
      });
  }
};
