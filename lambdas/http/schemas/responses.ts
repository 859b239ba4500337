import * as z from 'zod/mini';

/**
 * The response views as schemas: the OpenAPI document is generated from them, the view types are
 * checked against them at compile time (test/unit/http/response-views.test.ts), and the e2e tests
 * check every response they receive against the document.
 */
const id = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));
const minor = z.int();
const currency = z.string().check(z.regex(/^[A-Z]{3}$/));
const instant = z.iso.datetime({ offset: true });
const accountStatus = z.enum(['open', 'closed']);

/** 200/201 of an account command: the new version and balance (ETag carries the version). */
export const accountCommandResult = z.strictObject({
  accountId: id,
  version: z.int(),
  balance: minor,
  currency: z.optional(currency),
  status: z.optional(accountStatus),
});

/** An account from the read model; holderName is null once the owner's data was erased. */
export const accountSummary = z.strictObject({
  accountId: id,
  holderName: z.nullable(z.string()),
  personalDataErased: z.boolean(),
  currency,
  balance: minor,
  status: accountStatus,
  version: z.int(),
  openedAt: instant,
  updatedAt: instant,
});

export const accountList = z.strictObject({ accounts: z.array(accountSummary) });

export const ledgerEntry = z.strictObject({
  version: z.int(),
  type: z.string(),
  direction: z.enum(['credit', 'debit']),
  amount: minor,
  balanceAfter: minor,
  occurredAt: instant,
  transferId: z.optional(id),
  counterpartyAccountId: z.optional(id),
  // A transfer's reference as this account's owner holds it; null once their data was erased.
  reference: z.optional(z.nullable(z.string())),
});

export const transactionsPage = z.strictObject({
  transactions: z.array(ledgerEntry),
  next: z.optional(z.string()),
});

export const eventMetadata = z.strictObject({
  actorId: z.string(),
  actorKind: z.optional(z.enum(['user', 'system'])),
  commandId: z.string(),
  correlationId: z.string(),
  causationId: z.string(),
  requestId: z.string(),
  // W3C traceparent of the work that appended it; absent on events stored before it was recorded.
  traceparent: z.optional(z.string()),
});

/** A recorded event with its personal fields decrypted, or null and marked once erased. */
export const revealedEvent = z.strictObject({
  accountId: id,
  version: z.int(),
  eventId: z.string(),
  type: z.string(),
  schema: z.int(),
  storedSchema: z.optional(z.int()),
  occurredAt: instant,
  data: z.record(z.string(), z.unknown()),
  metadata: eventMetadata,
  personalDataErased: z.boolean(),
});

export const eventsPage = z.strictObject({
  events: z.array(revealedEvent),
  nextFromVersion: z.optional(z.int()),
});

const existingState = z.strictObject({
  status: accountStatus,
  ownerId: z.string(),
  holderName: z.nullable(z.string()),
  currency,
  balance: minor,
  personalDataErased: z.boolean(),
});

/** The account folded from its events up to a version or a time. */
export const stateView = z.strictObject({
  accountId: id,
  version: z.int(),
  occurredAt: instant,
  state: z.union([existingState, z.strictObject({ status: z.literal('none') })]),
});

const transferStatus = z.enum(['pending', 'completed', 'reversed']);

/** 202 of POST /transfers: the debit is recorded, the credit follows. */
export const transferAccepted = z.strictObject({
  transferId: id,
  status: z.literal('pending'),
  fromAccountId: id,
  toAccountId: id,
  amount: minor,
  currency: z.optional(currency),
});

export const transferView = z.strictObject({
  transferId: id,
  status: transferStatus,
  reason: z.optional(z.string()),
  fromAccountId: id,
  toAccountId: id,
  amount: minor,
  currency,
  reference: z.nullable(z.string()),
  personalDataErased: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

/** 202 of DELETE /me/personal-data: the erasure receipt. */
export const erasureReceipt = z.strictObject({
  erasureId: z.string(),
  status: z.literal('completed'),
  accounts: z.array(id),
  requestedAt: instant,
  completedAt: instant,
  // When the subject's wrapped data key was deleted (no live copy remains), and the date by which
  // no backup can yield it under the configured key strategy (ADR 0151).
  keyDestroyedAt: instant,
  reachesBackupsBy: instant,
  backups: z.strictObject({
    strategy: z.string(),
    reachedBy: z.enum(['kms-key-deletion', 'epoch-key-deletion', 'end-of-pitr-window']),
  }),
});
