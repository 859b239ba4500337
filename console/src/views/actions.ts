import { unwrap } from '../api.js';
import type { Context } from '../context.js';
import { field, h } from '../dom.js';
import { formatMoney, parseAmount } from '../money.js';

/** What the actions need of the account page: its id, and what to do once a command went through. */
export interface ActionTarget {
  readonly accountId: string;
  readonly changed: (message: string) => void;
  readonly transferStarted: (transferId: string) => void;
}

const failed = (ctx: Context) => (error: unknown) => {
  ctx.notify('error', error instanceof Error ? error.message : 'The request failed.');
};

const amountForm = (
  ctx: Context,
  title: string,
  send: (amount: number) => Promise<void>,
  extra: readonly HTMLElement[] = [],
): HTMLFormElement => {
  const amount = field(`${title} amount`, {
    required: true,
    inputmode: 'decimal',
    placeholder: '0.00',
  });
  const form = h(
    'form',
    { class: 'action', 'aria-label': title },
    amount.row,
    ...extra,
    h('button', { type: 'submit' }, title),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const minor = parseAmount(amount.input.value);
    if (minor === undefined || minor === 0) {
      ctx.notify('error', `${title}: the amount must be a positive number such as 20.00.`);
      return;
    }
    send(minor).then(() => {
      amount.input.value = '';
    }, failed(ctx));
  });
  return form;
};

const command =
  (ctx: Context, target: ActionTarget, kind: 'deposits' | 'withdrawals') =>
  async (amount: number) => {
    const result =
      kind === 'deposits'
        ? await ctx.api.POST('/accounts/{id}/deposits', {
            params: { path: { id: target.accountId } },
            body: { amount },
          })
        : await ctx.api.POST('/accounts/{id}/withdrawals', {
            params: { path: { id: target.accountId } },
            body: { amount },
          });
    const done = unwrap(result);
    const verb = kind === 'deposits' ? 'Deposited' : 'Withdrew';
    target.changed(
      `${verb} ${formatMoney(amount)}; the balance is ${formatMoney(done.balance, done.currency)}.`,
    );
  };

const transferForm = (ctx: Context, target: ActionTarget): HTMLFormElement => {
  const to = field('To account id', {
    required: true,
    pattern: '[0-9a-f\\-]{36}',
    autocomplete: 'off',
  });
  const reference = field('Reference', { maxlength: 140 });
  return amountForm(
    ctx,
    'Transfer',
    async (amount) => {
      const body = {
        fromAccountId: target.accountId,
        toAccountId: to.input.value.trim(),
        amount,
        ...(reference.input.value.trim() === '' ? {} : { reference: reference.input.value }),
      };
      const accepted = unwrap(await ctx.api.POST('/transfers', { body }));
      target.transferStarted(accepted.transferId);
      target.changed(`Transfer of ${formatMoney(amount)} started; it is ${accepted.status}.`);
    },
    [to.row, reference.row],
  );
};

const closeButton = (ctx: Context, target: ActionTarget): HTMLButtonElement => {
  const button = h('button', { type: 'button', class: 'secondary' }, 'Close account');
  button.addEventListener('click', () => {
    ctx.api
      .POST('/accounts/{id}/close', { params: { path: { id: target.accountId } } })
      .then(unwrap)
      .then(() => {
        target.changed('The account is closed.');
      }, failed(ctx));
  });
  return button;
};

/** Deposit, withdraw, transfer and close; refusals come back as problem+json and show as alerts. */
export const actionsView = (ctx: Context, target: ActionTarget): HTMLElement =>
  h(
    'section',
    { 'aria-labelledby': 'actions' },
    h('h3', { id: 'actions' }, 'Move money'),
    h(
      'div',
      { class: 'actions' },
      amountForm(ctx, 'Deposit', command(ctx, target, 'deposits')),
      amountForm(ctx, 'Withdraw', command(ctx, target, 'withdrawals')),
      transferForm(ctx, target),
    ),
    closeButton(ctx, target),
  );
