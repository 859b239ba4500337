import {
  isAccountEventType,
  type AccountEvent,
  type AccountEventType,
} from '../domain/account/index.js';
import { isCurrency, type Currency } from '../domain/money.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { UnreadableEventError } from '../event-store/upcasters.js';

/**
 * A personal field as it is at rest: its ciphertext envelope, null once the subject is erased, or
 * absent. Opaque to projections: they copy it into rows as it is and never read it as text.
 */
export type SealedCiphertext = unknown;

/** The personal fields of each event type (crypto/personal-fields.ts; a unit test keeps them equal). */
interface PersonalFields {
  readonly AccountOpened: 'holderName';
  readonly TransferSent: 'reference';
  readonly TransferReceived: 'reference';
}

type DomainData<T extends AccountEventType> = Extract<AccountEvent, { readonly type: T }>['data'];

/** A domain event's data as stored: its personal fields sealed, everything else as the domain's. */
export type ProjectedData<T extends AccountEventType> = T extends keyof PersonalFields
  ? Omit<DomainData<T>, PersonalFields[T]> & {
      readonly [F in PersonalFields[T]]?: SealedCiphertext;
    }
  : DomainData<T>;

/** The envelope every recorded event carries around its data. */
type Envelope = Omit<RecordedEvent, 'type' | 'data'>;

/**
 * An upcast event as projections read it: a union on `type` whose `data` is that domain event's.
 * Made only by {@link projectedEvent}.
 */
export type ProjectedEvent = {
  readonly [T in AccountEventType]: Envelope & {
    readonly type: T;
    readonly data: ProjectedData<T>;
  };
}[AccountEventType];

/** The projected event of one type. */
export type ProjectedEventOf<T extends AccountEventType> = Extract<ProjectedEvent, { type: T }>;

type Kind = 'string' | 'number' | 'currency';
type KindOf<V> = [V] extends [Currency]
  ? 'currency'
  : [V] extends [string]
    ? 'string'
    : [V] extends [number]
      ? 'number'
      : never;
type IsOptional<D, K extends keyof D> = Partial<Pick<D, K>> extends Pick<D, K> ? true : false;
type FieldKind<D, K extends keyof D> = unknown extends D[K]
  ? 'sealed'
  : IsOptional<D, K> extends true
    ? `optional ${KindOf<Exclude<D[K], undefined>>}`
    : KindOf<D[K]>;
type FieldKinds<D> = { readonly [K in keyof D]-?: FieldKind<D, K> };
type AnyKind = Kind | `optional ${Kind}` | 'sealed';

/**
 * What each field of each type's data must hold. The compiler holds this table to ProjectedData
 * (every field listed, each with its kind), so checking it checks the whole shape.
 */
export const fieldKinds = {
  AccountOpened: {
    ownerId: 'string',
    holderName: 'sealed',
    currency: 'currency',
    initialDeposit: 'optional number',
  },
  MoneyDeposited: { amount: 'number', currency: 'currency', balanceAfter: 'number' },
  MoneyWithdrawn: { amount: 'number', balanceAfter: 'number' },
  AccountClosed: { balance: 'number' },
  PersonalDataErased: { erasureId: 'string' },
  TransferSent: {
    transferId: 'string',
    toAccountId: 'string',
    amount: 'number',
    currency: 'currency',
    balanceAfter: 'number',
    reference: 'sealed',
  },
  TransferReceived: {
    transferId: 'string',
    fromAccountId: 'string',
    amount: 'number',
    balanceAfter: 'number',
    reference: 'sealed',
  },
  TransferReversed: {
    transferId: 'string',
    toAccountId: 'string',
    amount: 'number',
    reason: 'string',
    balanceAfter: 'number',
  },
} as const satisfies { readonly [T in AccountEventType]: FieldKinds<ProjectedData<T>> };

const holds = (kind: AnyKind, value: unknown): boolean => {
  if (kind === 'sealed') {
    return true;
  }
  if (kind.startsWith('optional ') && value === undefined) {
    return true;
  }
  const base = kind.replace('optional ', '');
  return base === 'currency'
    ? typeof value === 'string' && isCurrency(value)
    : typeof value === base;
};

/**
 * Types an upcast event for the projections (the one place that does): its type must be a domain
 * event's and its data must have that type's fields, each of its kind.
 * @throws UnreadableEventError naming the account, version and field (never a value) otherwise.
 */
export const projectedEvent = (event: RecordedEvent): ProjectedEvent => {
  if (!isAccountEventType(event.type)) {
    throw new UnreadableEventError(`Unknown event type ${event.type}`);
  }
  const kinds: Readonly<Record<string, AnyKind>> = fieldKinds[event.type];
  for (const [field, kind] of Object.entries(kinds)) {
    if (!holds(kind, event.data[field])) {
      throw new UnreadableEventError(
        `Account ${event.streamId} version ${String(event.version)}: ${event.type}.${field} is not a ${kind}`,
      );
    }
  }
  // Sound: the type is a domain event's and the loop checked every field fieldKinds lists for it,
  // which the compiler holds to be exactly that type's ProjectedData.
  return event as ProjectedEvent;
};
