import { unwrap } from '../api.js';
import type { Context } from '../context.js';
import { field, h, show } from '../dom.js';
import { formatMoney, parseAmount } from '../money.js';

const holderText = (name: string | null): string => name ?? 'Name erased';

const openForm = (ctx: Context): HTMLFormElement => {
  const holder = field('Holder name', { required: true, maxlength: 200, autocomplete: 'name' });
  const currency = field('Currency', {
    required: true,
    value: 'EUR',
    pattern: '[A-Z]{3}',
    maxlength: 3,
  });
  const opening = field('Opening amount', { inputmode: 'decimal', value: '0.00' });
  const form = h(
    'form',
    { 'aria-labelledby': 'open-account' },
    h('h2', { id: 'open-account' }, 'Open an account'),
    holder.row,
    currency.row,
    opening.row,
    h('button', { type: 'submit' }, 'Open account'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const initialDeposit = parseAmount(opening.input.value || '0');
    if (initialDeposit === undefined) {
      ctx.notify('error', 'The opening amount must be a number such as 100.00.');
      return;
    }
    const body = { holderName: holder.input.value, currency: currency.input.value, initialDeposit };
    ctx.api
      .POST('/accounts', { body })
      .then(unwrap)
      .then((opened) => {
        ctx.notify('success', `Opened with ${formatMoney(opened.balance, opened.currency)}.`);
        ctx.navigate(`#/accounts/${opened.accountId}`);
      })
      .catch((error: unknown) => {
        ctx.notify('error', error instanceof Error ? error.message : 'Opening failed.');
      });
  });
  return form;
};

/** My accounts (read model: a just-opened account can take a moment to appear) and the open form. */
export const accountsView = (ctx: Context): HTMLElement => {
  const list = h('div', { 'aria-live': 'polite' }, 'Loading accounts…');
  const refresh = h('button', { type: 'button' }, 'Refresh');
  const load = (): void => {
    ctx.api
      .GET('/accounts')
      .then(unwrap)
      .then(({ accounts }) => {
        if (accounts.length === 0) {
          show(list, h('p', {}, 'No accounts yet.'));
          return;
        }
        const rows = accounts.map((account) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h('a', { href: `#/accounts/${account.accountId}` }, holderText(account.holderName)),
            ),
            h('td', { class: 'amount' }, formatMoney(account.balance, account.currency)),
            h('td', {}, account.status),
          ),
        );
        const head = h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Holder'),
          h('th', { scope: 'col' }, 'Balance'),
          h('th', { scope: 'col' }, 'Status'),
        );
        show(
          list,
          h(
            'table',
            {},
            h('caption', {}, 'My accounts'),
            h('thead', {}, head),
            h('tbody', {}, ...rows),
          ),
        );
      })
      .catch((error: unknown) => {
        show(
          list,
          h('p', {}, error instanceof Error ? error.message : 'Could not load the accounts.'),
        );
      });
  };
  refresh.addEventListener('click', load);
  load();
  return h(
    'div',
    { class: 'stack' },
    h(
      'section',
      { 'aria-labelledby': 'my-accounts' },
      h('h2', { id: 'my-accounts' }, 'My accounts'),
      list,
      refresh,
    ),
    openForm(ctx),
  );
};
