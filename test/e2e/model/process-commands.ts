import { randomUUID } from 'node:crypto';
import type { Stack } from './stack.js';
import { accountRefusals, accountsOf, hostileSub, record, type Model } from './model.js';
import {
  ModelCommand,
  Open,
  actorFor,
  keyName,
  keyOf,
  resolve,
  userOf,
  actorName,
  type Actor,
  type CommandInput,
  type Target,
} from './account-commands.js';
import {
  describe,
  expect,
  expectLikeMissing,
  fields,
  sendCommand,
  settleAll,
  type IfMatch,
} from './send.js';

export class Transfer extends ModelCommand {
  readonly user: Actor;
  readonly from: Target;
  readonly amount: number;
  readonly ifMatch: IfMatch;
  readonly key: number | undefined;
  constructor(
    input: CommandInput,
    readonly to: Target,
  ) {
    super();
    ({ user: this.user, target: this.from, amount: this.amount } = input);
    ({ ifMatch: this.ifMatch, key: this.key } = input);
  }
  get label() {
    return `transfer(${actorName(this.user)}, acct ${this.from} -> acct ${this.to}, ${this.amount}, if-match ${this.ifMatch}, key ${keyName(this.key)})`;
  }
  async run(model: Model, stack: Stack) {
    await settleAll(model, stack);
    const source = resolve(model, this.from);
    const actor = actorFor(model, this.user, source.account);
    const target = resolve(model, this.to);
    const same = source.id === target.id;
    const refusals = same
      ? ([[400, 'same-account']] as const).slice()
      : accountRefusals(actor, source.account, this.ifMatch);
    const owned = refusals.length === 0 ? source.account : undefined;
    if (owned && this.amount > owned.balance) {
      refusals.push([409, 'insufficient-funds']);
    }
    const body = { fromAccountId: source.id, toAccountId: target.id, amount: this.amount };
    const answer = await sendCommand(
      model,
      stack,
      {
        actor,
        path: () => '/transfers',
        body,
        key: keyOf(model, actor, this.key),
        ifMatch: this.ifMatch,
        account: source.account,
        id: source.id,
      },
      { refusals, success: 202, what: this.label },
    );
    if (answer === undefined || owned === undefined) {
      return;
    }
    const id = fields(answer)['transferId'];
    expect(
      typeof id === 'string' && fields(answer)['status'] === 'pending',
      () => `${this.label}: ${describe(answer)}`,
    );
    record(
      owned,
      { type: 'TransferSent', amount: this.amount, transferId: id as string },
      owned.balance - this.amount,
    );
    model.transfers.push({
      id: id as string,
      owner: actor,
      from: owned,
      to: target.account,
      toId: target.id,
      amount: this.amount,
    });
  }
}

/**
 * DELETE /me/personal-data. The policy the model holds (issue 11 item 4): an erasure never strands
 * money, so a user whose accounts still hold a balance is refused (409) and nothing is written;
 * otherwise every account of the user is erased and named in the answer.
 */
export class Erase extends ModelCommand {
  constructor(
    readonly user: number,
    readonly times: 1 | 2,
    /** Opens an empty account just before, as a user under load would. */
    readonly openFirst: boolean,
  ) {
    super();
  }
  get label() {
    return `erase(u${this.user}${this.times === 2 ? ', twice at once' : ''}${this.openFirst ? ', just after an opening' : ''})`;
  }
  override check(model: Readonly<Model>) {
    const actor = model.users[this.user % model.users.length]!;
    // system:ledger lives across runs; its erasure would leak into the next run's model.
    return actor !== hostileSub;
  }
  async run(model: Model, stack: Stack) {
    await settleAll(model, stack);
    const actor = userOf(model, this.user);
    if (this.openFirst) {
      await new Open(this.user, 'EUR', 0, undefined).run(model, stack);
    }
    const accounts = accountsOf(model, actor);
    const funded = accounts.filter((a) => a.status !== 'erased' && a.balance > 0);
    const answers = await Promise.all(
      Array.from({ length: this.times }, () => stack.call(actor, 'DELETE', '/me/personal-data')),
    );
    for (const answer of answers) {
      expect(answer.status < 500, () => `${this.label}: ${describe(answer)}`);
      if (funded.length > 0) {
        expect(
          answer.status === 409,
          () =>
            `${this.label}: ${funded.length} account(s) hold money, expected 409, got ${describe(answer)}`,
        );
        continue;
      }
      expect(answer.status === 202, () => `${this.label}: expected 202, got ${describe(answer)}`);
      const named = fields(answer)['accounts'];
      const expected = accounts.map((a) => a.id).sort();
      expect(
        Array.isArray(named) &&
          JSON.stringify(named.map(String).sort()) === JSON.stringify(expected),
        () =>
          `${this.label}: expected accounts ${JSON.stringify(expected)}, got ${describe(answer)}`,
      );
    }
    if (funded.length === 0) {
      model.erased.add(actor);
      accounts.forEach((account) => {
        account.status = 'erased';
      });
    }
  }
}

/** Reads as any user: a foreign account or transfer answers exactly like a missing one. */
export class Read extends ModelCommand {
  constructor(
    readonly user: number,
    readonly target: Target,
    readonly what: 'summary' | 'events' | 'state' | 'transactions' | 'transfer',
  ) {
    super();
  }
  get label() {
    return `read ${this.what}(u${this.user}, ${this.target})`;
  }
  async run(model: Model, stack: Stack) {
    const actor = userOf(model, this.user);
    if (this.what === 'transfer') {
      const transfer =
        model.transfers[
          typeof this.target === 'number' ? this.target % Math.max(1, model.transfers.length) : 0
        ];
      if (transfer === undefined || transfer.owner === actor) {
        return;
      }
      const answer = await stack.call(actor, 'GET', `/transfers/${transfer.id}`);
      const missing = await stack.call(actor, 'GET', `/transfers/${randomUUID()}`);
      expectLikeMissing(answer, missing, this.label);
      return;
    }
    const { account, id } = resolve(model, this.target);
    const suffix = {
      summary: '',
      events: '/events',
      state: '/state',
      transactions: '/transactions',
    }[this.what];
    const answer = await stack.call(actor, 'GET', `/accounts/${id}${suffix}`);
    expect(answer.status < 500, () => `${this.label}: ${describe(answer)}`);
    if (account === undefined || account.owner !== actor) {
      const missing = await stack.call(actor, 'GET', `/accounts/${randomUUID()}${suffix}`);
      expectLikeMissing(answer, missing, this.label);
      return;
    }
    if (this.what === 'summary' && answer.status === 200) {
      // Eventually consistent: any state the account really had, never one ahead of the store.
      const version = fields(answer)['version'] as number;
      expect(
        version <= account.version || account.status === 'erased',
        () => `${this.label}: ahead: ${describe(answer)}`,
      );
      const balance = account.balances[version - 1];
      expect(
        account.status === 'erased' || fields(answer)['balance'] === balance,
        () => `${this.label}: version ${version} should hold ${balance}: ${describe(answer)}`,
      );
    }
  }
}

/** Time travel as the owner: the state at version N (and at that event's time) is the model's. */
export class TimeTravel extends ModelCommand {
  constructor(
    readonly target: number,
    readonly pick: number,
  ) {
    super();
  }
  get label() {
    return `time travel(acct ${this.target}, pick ${this.pick})`;
  }
  override check(model: Readonly<Model>) {
    return model.accounts.length > 0;
  }
  async run(model: Model, stack: Stack) {
    await settleAll(model, stack);
    const { account } = resolve(model, this.target);
    if (account === undefined || account.status === 'erased') {
      return;
    }
    const version = 1 + (this.pick % account.version);
    const byVersion = await stack.call(
      account.owner,
      'GET',
      `/accounts/${account.id}/state?version=${version}`,
    );
    const stateOf = (a: typeof byVersion) => (fields(a)['state'] ?? {}) as Record<string, unknown>;
    expect(
      byVersion.status === 200 && fields(byVersion)['version'] === version,
      () => `${this.label}: state?version=${version}: ${describe(byVersion)}`,
    );
    expect(
      stateOf(byVersion)['balance'] === account.balances[version - 1],
      () =>
        `${this.label}: state?version=${version} should hold ${account.balances[version - 1]}: ${describe(byVersion)}`,
    );
    const events = await stack.events(account.id);
    const at = events[version - 1]?.occurredAt ?? '';
    const expected = Math.max(...events.filter((e) => e.occurredAt <= at).map((e) => e.version));
    const byTime = await stack.call(
      account.owner,
      'GET',
      `/accounts/${account.id}/state?at=${encodeURIComponent(at)}`,
    );
    expect(
      byTime.status === 200 && fields(byTime)['version'] === expected,
      () => `${this.label}: state?at=${at} should be version ${expected}: ${describe(byTime)}`,
    );
    expect(
      stateOf(byTime)['balance'] === account.balances[expected - 1],
      () =>
        `${this.label}: state?at=${at} should hold ${account.balances[expected - 1]}: ${describe(byTime)}`,
    );
  }
}
