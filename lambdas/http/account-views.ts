import type { AcceptedAnswer } from './command-endpoint.js';
import { etag, json } from './json-response.js';
import type { HttpResponse } from './middleware.js';

/** The response of an accepted account command: the new version and balance, with its ETag. */
export const accountCommandResponse = (
  { accountId, version, view }: AcceptedAnswer,
  statusCode = 200,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse =>
  json(
    statusCode,
    {
      accountId,
      version,
      balance: view.balance,
      ...(view.currency === undefined ? {} : { currency: view.currency, status: view.status }),
    },
    { ...headers, etag: etag(version) },
  );
