import * as z from 'zod/mini';

/**
 * Ledger's public integration events: one small, versioned contract per event type, apart from the
 * stored (internal) events. They carry opaque ids, amounts in minor units, the currency, the balance
 * after, the time and the causal ids, never personal data: no holder name, no transfer reference,
 * no owner or actor id (a consumer that needs a name asks the API, which enforces erasure).
 * A contract never changes once published; a new shape is a new `.vN` type beside the old one.
 */
const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));
const minor = z.int().check(z.minimum(0));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/));
const opaque = z.string().check(z.minLength(1), z.maxLength(256));

const envelope = <T extends string, D extends z.ZodMiniType>(type: T, data: D) =>
  z.strictObject({
    /** The stored event's id: the same on every delivery of it, so consumers deduplicate by it. */
    id: uuid,
    type: z.literal(type),
    accountId: uuid,
    /** The event's version in its account: consecutive from 1, so a consumer can order and spot gaps. */
    accountVersion: z.int().check(z.minimum(1)),
    occurredAt: z.iso.datetime({ offset: true }),
    correlationId: opaque,
    causationId: opaque,
    /** Present (true) only on an event republished by a rebuild that asked for it. */
    replay: z.optional(z.literal(true)),
    data,
  });

const money = { amount: minor, currency, balanceAfter: minor };

/** Every public contract by its type name. */
export const integrationContracts = {
  'ledger.account.opened.v1': envelope(
    'ledger.account.opened.v1',
    z.strictObject({ currency, initialDeposit: minor, balanceAfter: minor }),
  ),
  'ledger.money.deposited.v1': envelope('ledger.money.deposited.v1', z.strictObject(money)),
  'ledger.money.withdrawn.v1': envelope('ledger.money.withdrawn.v1', z.strictObject(money)),
  'ledger.account.closed.v1': envelope(
    'ledger.account.closed.v1',
    z.strictObject({ currency, balanceAfter: minor }),
  ),
  'ledger.personal-data.erased.v1': envelope(
    'ledger.personal-data.erased.v1',
    z.strictObject({ erasureId: opaque }),
  ),
  'ledger.transfer.sent.v1': envelope(
    'ledger.transfer.sent.v1',
    z.strictObject({ transferId: uuid, toAccountId: uuid, ...money }),
  ),
  'ledger.transfer.completed.v1': envelope(
    'ledger.transfer.completed.v1',
    z.strictObject({ transferId: uuid, fromAccountId: uuid, ...money }),
  ),
  'ledger.transfer.reversed.v1': envelope(
    'ledger.transfer.reversed.v1',
    z.strictObject({ transferId: uuid, toAccountId: uuid, reason: opaque, ...money }),
  ),
} as const;

export type IntegrationEventType = keyof typeof integrationContracts;

/** A public integration event of any type. */
export type IntegrationEvent = {
  [T in IntegrationEventType]: z.infer<(typeof integrationContracts)[T]>;
}[IntegrationEventType];

export { INTEGRATION_SOURCE } from './source.js';

export const integrationEventTypes = Object.keys(integrationContracts) as IntegrationEventType[];
