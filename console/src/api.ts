import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api-types.js';
import { formatMinor } from './money.js';

export type Schemas = components['schemas'];
export type Api = Client<paths>;

/** A problem+json answer as the document describes it, with its extension members. */
export type Problem = Schemas['Problem'] & Readonly<Record<string, unknown>>;

/** The typed client of the API; every request carries the signed-in user's token. */
export const createApi = (baseUrl: string, token: () => string | undefined): Api => {
  const client = createClient<paths>({ baseUrl });
  client.use({
    onRequest: ({ request }) => {
      const value = token();
      if (value !== undefined) {
        request.headers.set('authorization', `Bearer ${value}`);
      }
      return request;
    },
  });
  return client;
};

const amount = (value: unknown): string => (typeof value === 'number' ? formatMinor(value) : '?');

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'code' in value && 'detail' in value;

/** A sentence a person can act on, from a problem document (amounts shown as decimals). */
export const problemMessage = (error: unknown): string => {
  if (!isProblem(error)) {
    return 'The request failed; try again.';
  }
  switch (error.code) {
    case 'insufficient-funds':
      return `Refused: insufficient funds. The balance is ${amount(error['balance'])}; ${amount(error['requested'])} was requested.`;
    case 'balance-not-zero':
      return `Refused: only an account with a zero balance can be closed; the balance is ${amount(error['balance'])}.`;
    case 'unauthorized':
      return 'Your sign-in has expired; sign in again.';
    default:
      return `Refused: ${error.title}. ${error.detail}`;
  }
};

/** The data of a successful answer, or throws the problem as an Error with a clear message. */
export const unwrap = <T>(result: { data?: T; error?: unknown }): T => {
  if (result.data === undefined) {
    throw new Error(problemMessage(result.error));
  }
  return result.data;
};
