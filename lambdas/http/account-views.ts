import type { Account } from '../domain/account/index.js';
import type { CommandOutcome } from '../application/account-service.js';
import { etag, json } from './json-response.js';
import type { HttpResponse } from './middleware.js';

const balanceOf = (state: Account): number => (state.status === 'none' ? 0 : state.balance);

/** The response of an accepted account command: the new version and balance, with its ETag. */
export const accountCommandResponse = (
  outcome: Extract<CommandOutcome, { ok: true }>,
  statusCode = 200,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse =>
  json(
    statusCode,
    {
      accountId: outcome.accountId,
      version: outcome.version,
      balance: balanceOf(outcome.state),
      ...(outcome.state.status === 'none'
        ? {}
        : { currency: outcome.state.currency, status: outcome.state.status }),
    },
    { ...headers, etag: etag(outcome.version) },
  );
