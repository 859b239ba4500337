import { problemMessage } from '../api.js';
import type { Context } from '../context.js';
import { h, show } from '../dom.js';

const consequences = [
  'Your personal data (holder names and transfer references) is made unreadable forever: its key is destroyed.',
  'Your accounts are closed and accept no more commands.',
  'Amounts, balances and the history of events are kept, as the law requires of a ledger.',
  'This cannot be undone.',
];

/** Erasure behind a confirmation that says what will happen; then the receipt, or why it was refused. */
export const erasureView = (ctx: Context, result: HTMLElement): HTMLElement => {
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'erase-title' },
    h('h2', { id: 'erase-title' }, 'Erase my personal data?'),
    h('ul', {}, ...consequences.map((text) => h('li', {}, text))),
  );
  const confirm = h('button', { type: 'button', class: 'danger' }, 'Erase my personal data now');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  dialog.append(h('div', { class: 'inline' }, confirm, cancel));
  cancel.addEventListener('click', () => {
    dialog.close();
  });
  confirm.addEventListener('click', () => {
    dialog.close();
    void ctx.api.DELETE('/me/personal-data').then(({ data, error }) => {
      if (!data) {
        ctx.notify('error', problemMessage(error));
        return;
      }
      ctx.notify('success', 'Your personal data was erased.');
      show(
        result,
        h('h2', {}, 'Erasure receipt'),
        h(
          'dl',
          { class: 'summary', 'data-testid': 'receipt' },
          h('dt', {}, 'Erasure id'),
          h('dd', {}, h('code', {}, data.erasureId)),
          h('dt', {}, 'Status'),
          h('dd', {}, data.status),
          h('dt', {}, 'Accounts'),
          h('dd', {}, String(data.accounts.length)),
          h('dt', {}, 'Completed at'),
          h(
            'dd',
            {},
            h('time', { datetime: data.completedAt }, new Date(data.completedAt).toLocaleString()),
          ),
        ),
        h('p', {}, h('a', { href: '#/' }, 'Back to my accounts')),
      );
    });
  });
  const open = h('button', { type: 'button', class: 'danger' }, 'Erase my personal data…');
  open.addEventListener('click', () => {
    dialog.showModal();
  });
  return h('div', {}, open, dialog);
};
