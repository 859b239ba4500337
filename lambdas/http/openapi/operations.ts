import type * as z from 'zod/mini';
import type { routes } from '../../../lib/function-specs.js';
import {
  closeBody,
  depositBody,
  openAccountBody,
  withdrawBody,
} from '../schemas/account-commands.js';
import { eventsQuery, noQuery, stateQuery, transactionsQuery } from '../schemas/queries.js';
import * as views from '../schemas/responses.js';
import { startTransferBody } from '../schemas/transfers.js';

/** A response header the document names. */
export type HeaderName = 'etag' | 'location' | 'idempotent-replayed';

/** What the document says of one route beyond the route table: the same schemas the handler uses. */
export interface Operation {
  readonly summary: string;
  readonly tag: 'accounts' | 'history' | 'transfers' | 'personal data';
  readonly body?: z.ZodMiniType;
  readonly query: z.ZodMiniType;
  readonly success: {
    readonly status: 200 | 201 | 202;
    readonly schema: z.ZodMiniType;
    readonly name: string;
    readonly headers: readonly HeaderName[];
  };
  /** Problem statuses this route can answer besides those every route can (problem-statuses.ts). */
  readonly problems: readonly number[];
  /** Takes Idempotency-Key and If-Match. */
  readonly command?: true;
}

type RouteId = (typeof routes)[number]['id'];

const commandProblems = [404, 409, 410, 412, 415, 422];

const command = (summary: string, body: z.ZodMiniType, status: 200 | 201 = 200): Operation => ({
  summary,
  tag: 'accounts',
  body,
  query: noQuery,
  success: {
    status,
    schema: views.accountCommandResult,
    name: 'AccountCommandResult',
    headers:
      status === 201
        ? ['etag', 'location', 'idempotent-replayed']
        : ['etag', 'idempotent-replayed'],
  },
  problems: commandProblems,
  command: true,
});

/** One entry per route of the route table; a route without one does not compile. */
export const operations: Readonly<Record<RouteId, Operation>> = {
  OpenAccount: command('Open an account for the caller', openAccountBody, 201),
  DepositMoney: command('Deposit money', depositBody),
  WithdrawMoney: command('Withdraw money (refused above the balance)', withdrawBody),
  CloseAccount: command('Close an account whose balance is zero', closeBody),
  ListAccounts: {
    summary: "The caller's accounts (read model)",
    tag: 'accounts',
    query: noQuery,
    success: { status: 200, schema: views.accountList, name: 'AccountList', headers: [] },
    problems: [],
  },
  GetAccount: {
    summary: "An account's summary (read model)",
    tag: 'accounts',
    query: noQuery,
    success: {
      status: 200,
      schema: views.accountSummary,
      name: 'AccountSummary',
      headers: ['etag'],
    },
    problems: [404],
  },
  ListTransactions: {
    summary: "An account's money movements, newest first",
    tag: 'history',
    query: transactionsQuery,
    success: { status: 200, schema: views.transactionsPage, name: 'TransactionsPage', headers: [] },
    problems: [404],
  },
  ListEvents: {
    summary: "An account's events, personal fields decrypted or marked erased",
    tag: 'history',
    query: eventsQuery,
    success: { status: 200, schema: views.eventsPage, name: 'EventsPage', headers: [] },
    problems: [404],
  },
  GetState: {
    summary: 'The account folded up to a version or a time (time travel)',
    tag: 'history',
    query: stateQuery,
    success: { status: 200, schema: views.stateView, name: 'StateView', headers: ['etag'] },
    problems: [404],
  },
  ErasePersonalData: {
    summary: "Erase the caller's personal data (crypto-shredding); answers the receipt",
    tag: 'personal data',
    query: noQuery,
    success: { status: 202, schema: views.erasureReceipt, name: 'ErasureReceipt', headers: [] },
    problems: [409, 415],
  },
  StartTransfer: {
    summary: "Transfer money from one of the caller's accounts; the credit follows",
    tag: 'transfers',
    body: startTransferBody,
    query: noQuery,
    success: {
      status: 202,
      schema: views.transferAccepted,
      name: 'TransferAccepted',
      headers: ['location', 'idempotent-replayed'],
    },
    problems: commandProblems,
    command: true,
  },
  GetTransfer: {
    summary: "A transfer's status, for its sender",
    tag: 'transfers',
    query: noQuery,
    success: { status: 200, schema: views.transferView, name: 'TransferView', headers: [] },
    problems: [404],
  },
};
