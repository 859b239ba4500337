import { randomUUID } from 'node:crypto';
import type { AsyncCommand } from 'fast-check';
import type { Stack } from './stack.js';
import {
  accountRefusals,
  hostileSub,
  record,
  type Currency,
  type Model,
  type ModelAccount,
  type Refusal,
} from './model.js';
import { expect, fields, sendCommand, settleAll, describe, type IfMatch } from './send.js';

/** A target: one of the model's accounts (by index, any owner), or an id no account has. */
export type Target = number | 'missing';

export const resolve = (model: Model, target: Target): { account?: ModelAccount; id: string } => {
  if (target === 'missing' || model.accounts.length === 0) {
    return { id: randomUUID() };
  }
  const account = model.accounts[target % model.accounts.length]!;
  return { account, id: account.id };
};

export const userOf = (model: Model, user: number): string =>
  model.users[user % model.users.length]!;

/** Who acts on an account: its owner, or one of the run's users (often not the owner). */
export type Actor = number | 'owner';

export const actorFor = (model: Model, actor: Actor, account: ModelAccount | undefined): string =>
  actor === 'owner' ? (account?.owner ?? userOf(model, 0)) : userOf(model, actor);

/** A key from a small pool, so users reuse keys and the colliding pair meets (`x#k`, `k`). */
export const keyName = (key: number | undefined): string | undefined =>
  key === undefined ? undefined : ['k', 'x#k', 'k2', `u-${key}`][key % 4];

/** The key a user sends; `system:ledger` outlives runs, so its keys are the run's own. */
export const keyOf = (model: Model, actor: string, key: number | undefined): string | undefined => {
  const name = keyName(key);
  return name === undefined || actor !== hostileSub ? name : `${model.tag}${name}`;
};

export abstract class ModelCommand implements AsyncCommand<Model, Stack> {
  abstract readonly label: string;
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract run(model: Model, stack: Stack): Promise<void>;
  toString(): string {
    return this.label;
  }
}

export class Open extends ModelCommand {
  constructor(
    readonly user: number,
    readonly currency: Currency,
    readonly initialDeposit: number,
    readonly key: number | undefined,
  ) {
    super();
  }
  get label() {
    return `Open(u${this.user}, ${this.currency}, ${this.initialDeposit}, key ${keyName(this.key)})`;
  }
  async run(model: Model, stack: Stack) {
    const actor = userOf(model, this.user);
    const body = {
      holderName: 'Model Holder',
      currency: this.currency,
      ...(this.initialDeposit > 0 ? { initialDeposit: this.initialDeposit } : {}),
    };
    const refusals: Refusal[] = model.erased.has(actor) ? [[410, 'personal-data-erased']] : [];
    const answer = await sendCommand(
      model,
      stack,
      {
        actor,
        path: () => '/accounts',
        body,
        key: keyOf(model, actor, this.key),
        ifMatch: 'none',
        account: undefined,
        id: '',
      },
      { refusals, success: 201, what: this.label },
    );
    if (answer === undefined) {
      return;
    }
    const id = fields(answer)['accountId'];
    expect(
      typeof id === 'string' && fields(answer)['balance'] === this.initialDeposit,
      () => `${this.label}: ${describe(answer)}`,
    );
    expect(
      !model.accounts.some((a) => a.id === id),
      () => `${this.label}: reused id ${String(id)}`,
    );
    const account: ModelAccount = {
      id: id as string,
      owner: actor,
      currency: this.currency,
      balance: 0,
      version: 0,
      status: 'open',
      log: [],
      balances: [],
    };
    record(account, { type: 'AccountOpened', amount: this.initialDeposit }, this.initialDeposit);
    model.accounts.push(account);
    model.external[this.currency] += this.initialDeposit;
  }
}

type Kind = 'deposit' | 'withdraw' | 'close';

/** Who sends a command to which account, how much, pinned or not, under which key. */
export interface CommandInput {
  readonly user: Actor;
  readonly target: Target;
  readonly amount: number;
  readonly ifMatch: IfMatch;
  readonly key: number | undefined;
}

export const actorName = (actor: Actor): string => (actor === 'owner' ? 'owner' : `u${actor}`);

export class Change extends ModelCommand {
  readonly user: Actor;
  readonly target: Target;
  readonly amount: number;
  readonly ifMatch: IfMatch;
  readonly key: number | undefined;
  constructor(
    readonly kind: Kind,
    input: CommandInput,
  ) {
    super();
    ({ user: this.user, target: this.target, amount: this.amount } = input);
    ({ ifMatch: this.ifMatch, key: this.key } = input);
  }
  get label() {
    return `${this.kind}(${actorName(this.user)}, acct ${this.target}, ${this.amount}, if-match ${this.ifMatch}, key ${keyName(this.key)})`;
  }
  async run(model: Model, stack: Stack) {
    await settleAll(model, stack);
    const { account, id } = resolve(model, this.target);
    const actor = actorFor(model, this.user, account);
    const refusals = accountRefusals(actor, account, this.ifMatch);
    const owned = refusals.length === 0 ? account : undefined;
    if (owned && this.kind === 'withdraw' && this.amount > owned.balance) {
      refusals.push([409, 'insufficient-funds']);
    }
    if (owned && this.kind === 'close' && owned.balance !== 0) {
      refusals.push([409, 'balance-not-zero']);
    }
    const path = { deposit: 'deposits', withdraw: 'withdrawals', close: 'close' }[this.kind];
    const answer = await sendCommand(
      model,
      stack,
      {
        actor,
        path: (target) => `/accounts/${target}/${path}`,
        body: this.kind === 'close' ? undefined : { amount: this.amount },
        key: keyOf(model, actor, this.key),
        ifMatch: this.ifMatch,
        account,
        id,
      },
      { refusals, success: 200, what: this.label },
    );
    if (answer === undefined || owned === undefined) {
      return;
    }
    const sign = { deposit: 1, withdraw: -1, close: 0 }[this.kind];
    const balance = owned.balance + sign * this.amount;
    const type = { deposit: 'MoneyDeposited', withdraw: 'MoneyWithdrawn', close: 'AccountClosed' }[
      this.kind
    ];
    record(owned, this.kind === 'close' ? { type } : { type, amount: this.amount }, balance);
    model.external[owned.currency] += sign * this.amount;
    if (this.kind === 'close') {
      owned.status = 'closed';
    }
    expect(
      fields(answer)['balance'] === balance && fields(answer)['version'] === owned.version,
      () =>
        `${this.label}: expected balance ${balance} at version ${owned.version}, got ${describe(answer)}`,
    );
  }
}
