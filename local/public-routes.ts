import type { IncomingMessage, ServerResponse } from 'node:http';
import { openApiDocument } from '../lambdas/http/openapi/document.js';
import { problem } from '../lambdas/http/problem.js';
import { readBody } from './request-body.js';
import { isValidUserId, mintToken } from './token.js';

/** A response the local server writes without a route handler. */
export interface PublicAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Answers a request outside the route table, or undefined to pass it on to the API routes. */
export type PublicRoutes = (request: IncomingMessage) => Promise<PublicAnswer | undefined>;

/** A static file of the console: its content type and text. */
export interface StaticFile {
  readonly contentType: string;
  readonly body: string;
}

export interface PublicRoutesOptions {
  /** Console files by path ('/' is the page), built on first need; none means no console. */
  readonly files?: () => ReadonlyMap<string, StaticFile>;
  /** Signs local tokens; present only in local mode, where the sign-in picks a user id. */
  readonly signingSecret?: Uint8Array;
}

const jsonAnswer = (status: number, body: unknown, type = 'application/json'): PublicAnswer => ({
  status,
  headers: { 'content-type': type, 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const refuse = (detail: string): PublicAnswer =>
  jsonAnswer(400, problem('invalid-request', detail), 'application/problem+json');

const userIdOf = (body: string): string | undefined => {
  try {
    const parsed = JSON.parse(body) as unknown;
    const userId =
      typeof parsed === 'object' && parsed !== null && 'userId' in parsed
        ? parsed.userId
        : undefined;
    return typeof userId === 'string' && isValidUserId(userId) ? userId : undefined;
  } catch {
    return undefined;
  }
};

// The local sign-in: whoever reaches 127.0.0.1 picks any user id, which is why only the local
// runtime has this route; the deployed console signs in through Cognito instead.
const signIn = async (request: IncomingMessage, secret: Uint8Array): Promise<PublicAnswer> => {
  const read = await readBody(request, 1024);
  const userId = read.ok ? userIdOf(read.body) : undefined;
  if (userId === undefined) {
    return refuse('userId must be 1-128 characters of A-Z a-z 0-9 . _ : @ -');
  }
  return jsonAnswer(200, { token: await mintToken(secret, { sub: userId }), userId });
};

// The console's own policy: scripts and styles from this origin only, API calls to this origin.
const consoleHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * The local server's answers outside the API: `GET /openapi.json` without a token, the console's
 * static files, and (local mode only) `POST /local/sign-in`, which mints a token for a user id.
 */
export const publicRoutes = (options: PublicRoutesOptions): PublicRoutes => {
  const document = JSON.stringify(openApiDocument());
  let files: ReadonlyMap<string, StaticFile> | undefined;
  const staticFile = (path: string): PublicAnswer | undefined => {
    if (!options.files) {
      return undefined;
    }
    files ??= options.files();
    const file = files.get(path);
    return (
      file && {
        status: 200,
        headers: { ...consoleHeaders, 'content-type': file.contentType },
        body: file.body,
      }
    );
  };
  return async (request) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === '/local/sign-in' && options.signingSecret) {
      return signIn(request, options.signingSecret);
    }
    if (request.method !== 'GET') {
      return undefined;
    }
    return path === '/openapi.json'
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: document }
      : staticFile(path);
  };
};

/** Writes a public answer and returns its status. */
export const writePublic = (response: ServerResponse, answer: PublicAnswer): number => {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': String(Buffer.byteLength(answer.body)),
  });
  response.end(answer.body);
  return answer.status;
};
