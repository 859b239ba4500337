import type { ConsoleConfig } from './config.js';

/** Who is signed in: the API's bearer token and the user id to show. */
export interface Session {
  readonly token: string;
  readonly userId: string;
}

const sessionKey = 'ledger.session';
const pkceKey = 'ledger.pkce';

// Session storage: the token dies with the tab and is never sent anywhere but the API.
export const currentSession = (): Session | undefined => {
  const stored = sessionStorage.getItem(sessionKey);
  return stored === null ? undefined : (JSON.parse(stored) as Session);
};

const keep = (session: Session): Session => {
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return session;
};

export const signOut = (): void => {
  sessionStorage.removeItem(sessionKey);
};

/** Local mode: the local server mints a token for any user id (it has no such route deployed). */
export const signInLocally = async (userId: string): Promise<Session> => {
  const response = await fetch('/local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const body = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || body.token === undefined) {
    throw new Error(body.detail ?? 'Sign-in failed.');
  }
  return keep({ token: body.token, userId });
};

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

const challengeOf = async (verifier: string): Promise<string> =>
  base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );

const redirectUri = (): string => `${location.origin}/`;

type Cognito = Extract<ConsoleConfig, { mode: 'cognito' }>;

/** Sends the browser to the Cognito hosted UI (authorization code with PKCE, S256). */
export const signInWithCognito = async (config: Cognito): Promise<void> => {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(pkceKey, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(verifier),
  });
  location.assign(`${config.authDomain}/oauth2/authorize?${query.toString()}`);
};

const subjectOf = (token: string): string => {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as {
    sub?: string;
  };
  return claims.sub ?? 'unknown';
};

/** Back from the hosted UI with ?code&state: checks the state and swaps the code for tokens. */
export const completeCognitoSignIn = async (config: Cognito): Promise<Session | undefined> => {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(pkceKey);
  if (code === null || pending === null) {
    return undefined;
  }
  sessionStorage.removeItem(pkceKey);
  history.replaceState(null, '', redirectUri());
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  if (params.get('state') !== state) {
    throw new Error('The sign-in answer does not belong to this tab; sign in again.');
  }
  const response = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as { access_token?: string };
  if (!response.ok || tokens.access_token === undefined) {
    throw new Error('Cognito did not issue a token; sign in again.');
  }
  return keep({ token: tokens.access_token, userId: subjectOf(tokens.access_token) });
};
