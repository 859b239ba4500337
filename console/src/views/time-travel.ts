import { problemMessage, type Schemas } from '../api.js';
import type { Context } from '../context.js';
import { field, h, show } from '../dom.js';
import { formatMoney } from '../money.js';

type StateView = Schemas['StateView'];

const describe = (view: StateView): string => {
  const { state } = view;
  if (state.status === 'none') {
    return `Version ${view.version}: no account yet.`;
  }
  const holder = state.holderName ?? 'name erased';
  return `Version ${view.version} (${new Date(view.occurredAt).toLocaleString()}): balance ${formatMoney(state.balance, state.currency)}, ${state.status}, holder ${holder}.`;
};

/**
 * The state folded from the events up to a version (slider) or a moment (date picker), read from
 * the event store, so it is exact even while the read model catches up.
 */
export const timeTravelView = (ctx: Context, accountId: string, latest: number): HTMLElement => {
  const output = h(
    'output',
    { class: 'state', 'aria-live': 'polite' },
    'Move the slider or pick a date.',
  );
  const slider = field('Version', { type: 'range', min: 1, max: latest, step: 1, value: latest });
  const picker = field('Date and time', { type: 'datetime-local', step: 1 });
  const showAt = h('button', { type: 'button' }, 'Show the state at that time');
  const read = (query: { version: number } | { at: string }): void => {
    ctx.api
      .GET('/accounts/{id}/state', { params: { path: { id: accountId }, query } })
      .then(({ data, error }) => {
        show(output, data ? describe(data) : problemMessage(error));
      })
      .catch(() => {
        show(output, 'The state could not be read.');
      });
  };
  slider.input.addEventListener('input', () => {
    read({ version: Number(slider.input.value) });
  });
  showAt.addEventListener('click', () => {
    const when = new Date(picker.input.value);
    if (Number.isNaN(when.getTime())) {
      show(output, 'Pick a date and time first.');
      return;
    }
    read({ at: when.toISOString() });
  });
  return h(
    'section',
    { 'aria-labelledby': 'time-travel' },
    h('h3', { id: 'time-travel' }, 'Time travel'),
    slider.row,
    h('div', { class: 'inline' }, picker.row, showAt),
    output,
  );
};
