import { eventSchemas, isAccountEventType } from '../domain/account/index.js';
import { isCurrency, majorToMinor } from '../domain/money.js';

/** The parts of a stored event an upcaster may reshape. */
export interface StoredShape {
  readonly type: string;
  readonly schema: number;
  readonly storedSchema?: number;
  readonly data: Readonly<Record<string, unknown>>;
}

type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** A stored event the code cannot read: an unknown type, or a schema newer than the code. */
export class UnreadableEventError extends Error {
  override readonly name = 'UnreadableEventError';
}

const minorOf = (value: unknown, currency: unknown): number => {
  if (typeof value !== 'number' || typeof currency !== 'string' || !isCurrency(currency)) {
    throw new UnreadableEventError('MoneyDeposited schema 1 needs a numeric amount and a currency');
  }
  return majorToMinor(value, currency);
};

/**
 * Upcasters by event type and the schema they read. Each turns schema n into n + 1, so an event of
 * any old schema reaches the current one by a chain of small steps. Stored items are never rewritten.
 */
const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  // Schema 1 came from the first, float-based design: decimal major units and a `balance` field.
  // Schema 2 holds integer minor units and `balanceAfter`.
  MoneyDeposited: {
    1: (data) => ({
      amount: minorOf(data['amount'], data['currency']),
      currency: data['currency'],
      balanceAfter: minorOf(data['balance'], data['currency']),
    }),
  },
  // Schema 1 was recorded before the receiver kept a copy of the reference: it has none, and none
  // can be recovered (the sender's copy is under the sender's key), so schema 2 reads it as absent.
  TransferReceived: {
    1: (data) => ({ ...data }),
  },
};

/** The current schema of a stored event's type, or a loud failure when the code cannot read it. */
const currentSchemaOf = (event: StoredShape): number => {
  if (!isAccountEventType(event.type)) {
    throw new UnreadableEventError(`Unknown event type ${event.type}`);
  }
  const current = eventSchemas[event.type];
  if (!Number.isInteger(event.schema) || event.schema < 1 || event.schema > current) {
    throw new UnreadableEventError(
      `${event.type} schema ${event.schema} is not readable by this code (current ${current})`,
    );
  }
  return current;
};

/** Brings a stored event to its type's current schema, or fails loudly. */
export const upcast = <T extends StoredShape>(event: T): T => {
  const current = currentSchemaOf(event);
  if (event.schema === current) {
    return event;
  }
  let { data, schema } = event;
  while (schema < current) {
    const step = upcasters[event.type]?.[schema];
    if (!step) {
      throw new UnreadableEventError(`No upcaster for ${event.type} schema ${schema}`);
    }
    data = step(data);
    schema += 1;
  }
  return { ...event, data, schema, storedSchema: event.schema };
};
