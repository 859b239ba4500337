import type * as z from 'zod/mini';
import { userActor, type UserActor } from '../domain/account/index.js';
import type { HttpEvent } from './middleware.js';
import { httpProblem } from './problem.js';

/** Bodies of commands are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The longest `sub` accepted, in UTF-8 bytes. The subject is a DynamoDB key (SubjectKeys, the
 * byOwner index, the erasure record), and keys stop at 2,048 bytes; 1,024 leaves room for
 * composite keys built from it. Identity providers issue far shorter ones (Cognito: a 36-char UUID).
 */
export const MAX_SUBJECT_BYTES = 1024;

// C0 and C1 controls and DEL, and any lone surrogate (not well-formed UTF-16, so not storable).
const UNSAFE_SUBJECT = /[\p{Cc}]|\p{Cs}/u;

/** Whether a `sub` claim is an identity this service accepts: opaque, bounded, printable. */
export const isAcceptableSubject = (sub: unknown): sub is string =>
  typeof sub === 'string' &&
  sub.length > 0 &&
  Buffer.byteLength(sub, 'utf8') <= MAX_SUBJECT_BYTES &&
  !UNSAFE_SUBJECT.test(sub);

/**
 * The acting user: the JWT `sub` claim as API Gateway's authorizer passes it on, always a plain
 * user whatever its value. A missing, empty, oversized or control-character `sub` is 401.
 */
export const actorOf = (event: HttpEvent): UserActor => {
  const sub = event.requestContext.authorizer.jwt.claims['sub'];
  if (!isAcceptableSubject(sub)) {
    throw httpProblem(
      'unauthorized',
      `A bearer token with a subject of 1 to ${MAX_SUBJECT_BYTES} bytes and no control characters is required.`,
    );
  }
  return userActor(sub);
};

/** The `{id}` path parameter, which must be an id this service could have issued (a UUID). */
export const idParam = (event: HttpEvent, what = 'account'): string => {
  const id = event.pathParameters?.['id'];
  if (id === undefined || !ACCOUNT_ID.test(id)) {
    throw httpProblem('invalid-request', `The ${what} id in the path is not a valid id.`);
  }
  return id;
};

export const isId = (value: string): boolean => ACCOUNT_ID.test(value);

/** An issue in words: our own message, or one made from its code (never the submitted value). */
const issueText = (issue: z.core.$ZodIssue): string => {
  if (issue.message !== 'Invalid input') {
    return issue.message;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      // How many, not which: a field name can itself be personal data.
      return issue.keys.length === 1 ? '1 unknown field' : `${issue.keys.length} unknown fields`;
    case 'invalid_type':
      return issue.path.length === 0
        ? 'must be a JSON object'
        : `is required, of type ${issue.expected}`;
    default:
      return 'is not valid';
  }
};

/** Describes schema violations by path and rule, never echoing the submitted values. */
export const describeIssues = (error: z.core.$ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issueText(issue)}`)
    .join('; ');

const header = (event: HttpEvent, name: string): string | undefined => event.headers[name];

const rawBody = (event: HttpEvent): string => {
  if (event.body === undefined || event.body === '') {
    return '';
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw httpProblem(
      'payload-too-large',
      `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
    );
  }
  return text;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw httpProblem('invalid-request', 'The request body is not valid JSON.');
  }
};

/** Parses and validates a JSON body; an absent body is validated as `{}`. */
export const jsonBody = <S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> => {
  const text = rawBody(event);
  const contentType = header(event, 'content-type') ?? '';
  if (text !== '' && !/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(contentType)) {
    throw httpProblem('unsupported-media-type', 'Send the body as application/json.');
  }
  const parsed = schema.safeParse(text === '' ? {} : parseJson(text));
  if (!parsed.success) {
    throw httpProblem('invalid-request', describeIssues(parsed.error));
  }
  return parsed.data;
};

/** Validates the query string parameters. */
export const queryParams = <S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> => {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    throw httpProblem('invalid-request', describeIssues(parsed.error));
  }
  return parsed.data;
};

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header: printable ASCII, 1 to 255 characters. */
export const idempotencyKey = (event: HttpEvent): string | undefined => {
  const key = header(event, 'idempotency-key');
  if (key === undefined) {
    return undefined;
  }
  // RFC 8941 sf-string form ("key") is accepted as well as the bare token.
  const unquoted = /^".*"$/.test(key) ? key.slice(1, -1) : key;
  if (!IDEMPOTENCY_KEY.test(unquoted)) {
    throw httpProblem(
      'invalid-request',
      'Idempotency-Key must be 1 to 255 printable ASCII characters.',
    );
  }
  return unquoted;
};

/** The version pinned by `If-Match: "<version>"`; `*` pins nothing. */
export const ifMatchVersion = (event: HttpEvent): number | undefined => {
  const value = header(event, 'if-match')?.trim();
  if (value === undefined || value === '*') {
    return undefined;
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value);
  if (!match?.[1]) {
    throw httpProblem('invalid-request', 'If-Match must be an ETag such as "3".');
  }
  return Number(match[1]);
};

export const requestIdOf = (event: HttpEvent): string => event.requestContext.requestId;
