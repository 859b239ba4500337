import { randomUUID } from 'node:crypto';
import type { Answer, Stack } from './stack.js';
import { record, settle, storedAnswer, type Model, type ModelAccount } from './model.js';
import { ModelCommand, resolve, type Target } from './account-commands.js';
import { describe, expect, fields, settleAll } from './send.js';

/** Retries an earlier keyed request: the same body replays the first answer, another is 422. */
export class Retry extends ModelCommand {
  constructor(
    readonly pick: number,
    readonly altered: boolean,
  ) {
    super();
  }
  get label() {
    return `retry(request ${this.pick}${this.altered ? ', another body' : ''})`;
  }
  override check(model: Readonly<Model>) {
    return model.sent.length > 0;
  }
  async run(model: Model, stack: Stack) {
    const sent = model.sent[this.pick % model.sent.length]!;
    const stored = storedAnswer(model, sent.actor, sent.key)!;
    const body = this.altered ? { ...(sent.body as object), extra: true } : sent.body;
    const answer = await stack.call(sent.actor, 'POST', sent.path, { body, headers: sent.headers });
    expect(answer.status < 500, () => `${this.label}: ${describe(answer)}`);
    if (this.altered) {
      // An unknown field is refused at the edge (400) or the key's other use is (422); neither writes.
      expect(
        answer.status === 422 || answer.status === 400,
        () => `${this.label}: ${describe(answer)}`,
      );
      return;
    }
    expect(
      answer.status === stored.status && answer.text === stored.text,
      () =>
        `${this.label}: replayed ${describe(answer)}, first ${stored.status} ${stored.text.slice(0, 200)}`,
    );
    expect(answer.headers.get('idempotent-replayed') === 'true', () => `${this.label}: not marked`);
  }
}

export type BurstOp =
  | { readonly kind: 'deposit' | 'withdraw'; readonly amount: number; readonly pinned: boolean }
  | {
      readonly kind: 'transfer';
      readonly amount: number;
      readonly pinned: boolean;
      readonly to: Target;
    };

const opPath = (op: BurstOp, id: string) =>
  op.kind === 'transfer'
    ? '/transfers'
    : `/accounts/${id}/${op.kind === 'deposit' ? 'deposits' : 'withdrawals'}`;

/**
 * Several commands on one account at once, as its owner (double spends, pinned versions, transfers
 * out racing withdrawals). Outcomes depend on the interleaving, so each answer is checked against
 * the serial order the Events table recorded: successes are exactly the new events, each pinned
 * success took the version it pinned, and each refusal was true at some version in between.
 */
export class Burst extends ModelCommand {
  constructor(
    readonly target: number,
    readonly ops: readonly BurstOp[],
  ) {
    super();
  }
  get label() {
    return `burst(acct ${this.target}: ${this.ops.map((op) => `${op.kind} ${op.amount}${op.pinned ? ' pinned' : ''}`).join(', ')})`;
  }
  override check(model: Readonly<Model>) {
    return model.accounts.length > 0;
  }
  async run(model: Model, stack: Stack) {
    await settleAll(model, stack);
    const account = resolve(model, this.target).account!;
    if (account.status !== 'open') {
      return;
    }
    const start = account.version;
    // A transfer to the account itself goes to an id no account has instead.
    const targets = this.ops.map((op) => {
      const target = op.kind === 'transfer' ? resolve(model, op.to) : { id: '' };
      return target.id === account.id ? { id: randomUUID() } : target;
    });
    const answers = await Promise.all(
      this.ops.map((op, i) => {
        const target = targets[i]!.id;
        return stack.call(account.owner, 'POST', opPath(op, account.id), {
          body:
            op.kind === 'transfer'
              ? { fromAccountId: account.id, toAccountId: target, amount: op.amount }
              : { amount: op.amount },
          headers: op.pinned ? { 'if-match': `"${start}"` } : {},
        });
      }),
    );
    // The transfer process may give money back while the burst runs: let it finish first.
    await stack.idle();
    const events = (await stack.events(account.id)).filter((e) => e.version > start);
    const balances = [account.balance, ...events.map((e) => e.data['balanceAfter'] as number)];
    const matched = new Map<number, number>();
    this.ops.forEach((op, i) => {
      const event = checkOp(`${this.label}: ${op.kind} ${op.amount}`, op, answers[i]!, {
        events,
        balances,
        start,
      });
      if (event !== undefined) {
        expect(
          !matched.has(event.version),
          () => `${this.label}: two successes for v${event.version}`,
        );
        matched.set(event.version, i);
      }
    });
    const reversals = events.filter((e) => e.type === 'TransferReversed').length;
    expect(
      events.length === matched.size + reversals,
      () =>
        `${this.label}: ${events.length} new events for ${matched.size} successes and ${reversals} reversals: ${JSON.stringify(events)}`,
    );
    for (const event of events) {
      const i = matched.get(event.version);
      if (i === undefined) {
        reverse(model, event, this.label);
      } else {
        apply(model, { account, op: this.ops[i]!, to: targets[i]! }, event);
      }
    }
  }
}

/** A reversal the process wrote during the burst, for one of the burst's own transfers. */
const reverse = (model: Model, event: StoredChange, label: string): void => {
  const transfer = model.transfers.find(
    (t) => t.id === event.data['transferId'] && t.outcome === undefined,
  );
  expect(
    transfer !== undefined,
    () => `${label}: a reversal no transfer explains: ${JSON.stringify(event)}`,
  );
  settle(transfer!);
  expect(
    transfer!.outcome === 'reversed' && transfer!.from.balance === event.data['balanceAfter'],
    () => `${label}: the process reversed ${transfer!.id}, the model ${transfer!.outcome} it`,
  );
};

interface StoredChange {
  readonly version: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

interface BurstContext {
  readonly events: readonly StoredChange[];
  readonly balances: readonly number[];
  readonly start: number;
}

const eventTypes = {
  deposit: 'MoneyDeposited',
  withdraw: 'MoneyWithdrawn',
  transfer: 'TransferSent',
};

/** Checks one answer of a burst; answers the event a success recorded. */
const checkOp = (
  what: string,
  op: BurstOp,
  answer: Answer,
  context: BurstContext,
): StoredChange | undefined => {
  expect(answer.status < 500, () => `${what}: ${describe(answer)}`);
  const body = fields(answer);
  if (answer.status >= 300) {
    const code = body['code'];
    const allowed = [
      'concurrent-modification',
      ...(op.pinned ? ['version-mismatch'] : []),
      ...(op.kind === 'deposit' ? [] : ['insufficient-funds']),
    ];
    expect(
      typeof code === 'string' && allowed.includes(code),
      () => `${what}: refused with ${describe(answer)}`,
    );
    if (code === 'insufficient-funds') {
      expect(
        context.balances.some((b) => b < op.amount),
        () => `${what}: refused, but no version was short of it: ${context.balances.join(', ')}`,
      );
    }
    if (code === 'version-mismatch') {
      expect(context.events.length > 0, () => `${what}: 412 although nothing else was written`);
    }
    return undefined;
  }
  const event =
    op.kind === 'transfer'
      ? context.events.find((e) => e.data['transferId'] === body['transferId'])
      : context.events.find((e) => e.version === body['version']);
  expect(
    event?.type === eventTypes[op.kind] && event.data['amount'] === op.amount,
    () => `${what}: answered ${describe(answer)} but the store holds ${JSON.stringify(event)}`,
  );
  expect(
    !op.pinned || event!.version === context.start + 1,
    () => `${what}: pinned to version ${context.start}, recorded at ${event!.version}`,
  );
  expect((event!.data['balanceAfter'] as number) >= 0, () => `${what}: negative balance`);
  return event;
};

/** Applies a burst's success to the model, in the order the store recorded it. */
const apply = (
  model: Model,
  {
    account,
    op,
    to,
  }: { account: ModelAccount; op: BurstOp; to: { account?: ModelAccount; id: string } },
  event: StoredChange,
): void => {
  const balance = event.data['balanceAfter'] as number;
  if (op.kind !== 'transfer') {
    record(account, { type: eventTypes[op.kind], amount: op.amount }, balance);
    model.external[account.currency] += op.kind === 'deposit' ? op.amount : -op.amount;
    return;
  }
  const transferId = event.data['transferId'] as string;
  record(account, { type: 'TransferSent', amount: op.amount, transferId }, balance);
  model.transfers.push({
    id: transferId,
    owner: account.owner,
    from: account,
    to: to.account,
    toId: to.id,
    amount: op.amount,
  });
};
