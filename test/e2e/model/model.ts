/** The reference model: what a correct Ledger must have done, built from the requests alone. */
export type Currency = 'EUR' | 'USD';
export type Refusal = readonly [status: number, code: string];
export type IfMatch = 'none' | 'current' | 'stale';

/** An event the model expects in an account's stream, in order. */
export interface ExpectedEvent {
  readonly type: string;
  readonly amount?: number;
  readonly transferId?: string;
}

export interface ModelAccount {
  readonly id: string;
  readonly owner: string;
  readonly currency: Currency;
  balance: number;
  /** Events so far; after an erasure only `log` (its prefix) is known. */
  version: number;
  status: 'open' | 'closed' | 'erased';
  readonly log: ExpectedEvent[];
  /** The balance after each version (index version - 1), for time travel. */
  readonly balances: number[];
}

export interface ModelTransfer {
  readonly id: string;
  readonly owner: string;
  readonly from: ModelAccount;
  /** undefined: an id no account has. */
  readonly to: ModelAccount | undefined;
  readonly toId: string;
  readonly amount: number;
  outcome?: 'completed' | 'reversed';
}

export interface StoredAnswer {
  readonly fingerprint: string;
  readonly status: number;
  readonly text: string;
}

export interface SentRequest {
  readonly actor: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly key: string;
}

export interface Model {
  /** Unique per run: keys of `system:ledger`, which outlives runs, carry it. */
  readonly tag: string;
  /** The run's users; index 2 is the hostile `system:ledger`. */
  readonly users: readonly string[];
  readonly erased: Set<string>;
  readonly accounts: ModelAccount[];
  readonly transfers: ModelTransfer[];
  /** Idempotency records the server must hold, by user and key (never concatenated). */
  readonly keys: Map<string, Map<string, StoredAnswer>>;
  /** Keys whose record the server may or may not hold (see sendCommand), per user. */
  readonly ambiguousKeys: Map<string, Set<string>>;
  /** Every keyed request whose answer the server must keep, to be retried later. */
  readonly sent: SentRequest[];
  /** Money that came in minus money that went out, per currency. */
  readonly external: Record<Currency, number>;
}

export const hostileSub = 'system:ledger';

/** Users of one run; the last two collide under naive `sub#key` with keys `x#k` and `k`. */
export const newModel = (prefix: string): Model => ({
  tag: prefix,
  users: [`${prefix}alice`, `${prefix}bob`, hostileSub, `${prefix}col`, `${prefix}col#x`],
  erased: new Set(),
  accounts: [],
  transfers: [],
  keys: new Map(),
  sent: [],
  ambiguousKeys: new Map(),
  external: { EUR: 0, USD: 0 },
});

/** Applies one event the model knows happened. */
export const record = (account: ModelAccount, event: ExpectedEvent, balance: number): void => {
  account.log.push(event);
  account.version += 1;
  account.balance = balance;
  account.balances.push(balance);
};

/** What a request must be refused with, or an empty list when it must succeed. */
export const accountRefusals = (
  actor: string,
  account: ModelAccount | undefined,
  ifMatch: IfMatch,
): Refusal[] => {
  if (account === undefined || account.owner !== actor) {
    // Nothing to pin: 412 may say so (version 0) as long as a foreign id answers the same.
    return ifMatch === 'none'
      ? [[404, 'account-not-found']]
      : [
          [404, 'account-not-found'],
          [412, 'version-mismatch'],
        ];
  }
  const staleIfMatch = ifMatch === 'stale';
  const refusals: Refusal[] = [];
  if (account.status === 'erased') {
    refusals.push([410, 'personal-data-erased']);
    // The erasure's own events moved the version on: any pinned version may be stale.
    if (ifMatch !== 'none') {
      refusals.push([412, 'version-mismatch']);
    }
  }
  if (account.status === 'closed') {
    refusals.push([409, 'account-closed']);
  }
  if (staleIfMatch) {
    refusals.push([412, 'version-mismatch']);
  }
  return refusals;
};

/** Settles a started transfer as a correct process manager must: credit, or give the money back. */
export const settle = (transfer: ModelTransfer): void => {
  const { to, from, amount } = transfer;
  const credited = to !== undefined && to.status === 'open' && to.currency === from.currency;
  if (credited) {
    record(to, { type: 'TransferReceived', amount, transferId: transfer.id }, to.balance + amount);
    transfer.outcome = 'completed';
  } else {
    record(
      from,
      { type: 'TransferReversed', amount, transferId: transfer.id },
      from.balance + amount,
    );
    transfer.outcome = 'reversed';
  }
};

export const pendingTransfers = (model: Model): ModelTransfer[] =>
  model.transfers.filter((transfer) => transfer.outcome === undefined);

export const accountsOf = (model: Model, user: string): ModelAccount[] =>
  model.accounts.filter((account) => account.owner === user);

/** The idempotency record a request must meet, if its user already used its key. */
export const storedAnswer = (model: Model, user: string, key: string): StoredAnswer | undefined =>
  model.keys.get(user)?.get(key);

export const remember = (model: Model, user: string, key: string, answer: StoredAnswer): void => {
  const keys = model.keys.get(user) ?? new Map<string, StoredAnswer>();
  keys.set(key, answer);
  model.keys.set(user, keys);
};

/** What the server compares for an Idempotency-Key: route, path and exact body. */
export const fingerprintOf = (method: string, path: string, body: unknown): string =>
  `${method} ${path}\n${body === undefined ? '' : JSON.stringify(body)}`;
