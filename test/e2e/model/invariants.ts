import type { Stack, StoredEvent } from './stack.js';
import { hostileSub, type Currency, type Model, type ModelAccount } from './model.js';
import { describe, expect, fields, settleAll } from './send.js';

const erasureTail = new Set(['PersonalDataErased', 'AccountClosed']);

const amountOf = (event: StoredEvent): number | undefined =>
  event.type === 'AccountOpened'
    ? ((event.data['initialDeposit'] as number | undefined) ?? 0)
    : (event.data['amount'] as number | undefined);

/** The balance the stored events add up to, refusing any negative step. */
const balanceOf = (id: string, events: readonly StoredEvent[]): number => {
  let balance = 0;
  for (const event of events) {
    const after =
      event.type === 'AccountOpened'
        ? amountOf(event)
        : (event.data['balanceAfter'] as number | undefined);
    if (after !== undefined) {
      expect(after >= 0, () => `${id} v${event.version}: negative balance ${after}`);
      balance = after;
    }
  }
  return balance;
};

/** Every 2xx is recorded exactly once and nothing else was: the stream is the model's log. */
const checkStream = (account: ModelAccount, events: readonly StoredEvent[]): void => {
  const shown = () => JSON.stringify(events.map((e) => [e.version, e.type, amountOf(e)]));
  account.log.forEach((expected, i) => {
    const event = events[i];
    expect(
      event?.type === expected.type &&
        (expected.amount === undefined || amountOf(event) === expected.amount) &&
        (expected.transferId === undefined || event.data['transferId'] === expected.transferId),
      () => `${account.id} v${i + 1}: expected ${JSON.stringify(expected)}, stream ${shown()}`,
    );
  });
  const tail = events.slice(account.log.length);
  if (account.status !== 'erased') {
    expect(
      tail.length === 0,
      () => `${account.id}: events no accepted request explains: ${shown()}`,
    );
    return;
  }
  expect(
    tail.every((e) => erasureTail.has(e.type)) &&
      tail.filter((e) => e.type === 'PersonalDataErased').length === 1,
    () => `${account.id}: an erasure must add PersonalDataErased once (and a close): ${shown()}`,
  );
};

/** Read models converged to the event store: summaries, each user's list, every transfer. */
const checkReadModels = async (model: Model, stack: Stack, stored: Map<string, StoredEvent[]>) => {
  for (const account of model.accounts) {
    const events = stored.get(account.id)!;
    const answer = await stack.call(account.owner, 'GET', `/accounts/${account.id}`);
    const body = fields(answer);
    const status = account.status === 'open' ? 'open' : 'closed';
    expect(
      answer.status === 200 &&
        body['version'] === events.length &&
        body['balance'] === account.balance &&
        body['status'] === status &&
        body['personalDataErased'] === (account.status === 'erased'),
      () =>
        `${account.id}: read model ${describe(answer)}, store v${events.length} ${account.balance} ${status}`,
    );
  }
  for (const user of model.users) {
    const answer = await stack.call(user, 'GET', '/accounts');
    const listed = new Set(JSON.stringify(answer.body).match(/[0-9a-f-]{36}/g) ?? []);
    const own = model.accounts.filter((a) => a.owner === user).map((a) => a.id);
    expect(
      answer.status === 200 && own.every((id) => listed.has(id)),
      () => `${user}: list ${describe(answer)}`,
    );
    // system:ledger keeps accounts from earlier runs; every other user starts each run empty.
    expect(
      user === hostileSub || listed.size === own.length,
      () => `${user} lists foreign accounts: ${describe(answer)}`,
    );
  }
  for (const transfer of model.transfers) {
    const answer = await stack.call(transfer.owner, 'GET', `/transfers/${transfer.id}`);
    expect(
      answer.status === 200 && fields(answer)['status'] === transfer.outcome,
      () => `transfer ${transfer.id}: expected ${transfer.outcome}, got ${describe(answer)}`,
    );
  }
};

/** The run's end: every property the issue names, against the store and the read models. */
export const checkInvariants = async (model: Model, stack: Stack, serverErrorsFrom: number) => {
  await settleAll(model, stack);
  await stack.idle();
  const stored = new Map<string, StoredEvent[]>();
  const totals: Record<Currency, number> = { EUR: 0, USD: 0 };
  for (const account of model.accounts) {
    const events = await stack.events(account.id);
    stored.set(account.id, events);
    checkStream(account, events);
    const balance = balanceOf(account.id, events);
    expect(
      balance === account.balance,
      () => `${account.id}: the store holds ${balance}, the model ${account.balance}`,
    );
    expect(
      account.status !== 'erased' || balance === 0,
      () => `${account.id}: erased holding ${balance}`,
    );
    totals[account.currency] += balance;
  }
  for (const currency of ['EUR', 'USD'] as const) {
    expect(
      totals[currency] === model.external[currency],
      () =>
        `${currency}: accounts hold ${totals[currency]}, ${model.external[currency]} came in net`,
    );
  }
  await checkReadModels(model, stack, stored);
  const errors = stack.serverErrors.slice(serverErrorsFrom);
  expect(errors.length === 0, () => `5xx answers: ${errors.join('; ')}`);
};
