import type { HttpResponse } from './middleware.js';

/** The strong ETag of a version (If-Match compares against it). */
export const etag = (version: number): string => `"${version}"`;

/** A JSON response with the given status and extra headers. */
export const json = (
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse => ({
  statusCode,
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
