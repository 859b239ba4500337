import type { Schemas } from '../api.js';
import { h } from '../dom.js';
import { formatMinor } from '../money.js';

export type RecordedEvent = Schemas['EventsPage']['events'][number];

const numberOf = (data: RecordedEvent['data'], ...names: readonly string[]): number | undefined => {
  for (const name of names) {
    const value = data[name];
    if (typeof value === 'number') {
      return value;
    }
  }
  return undefined;
};

/** The amount an event moved (an opening's initial deposit counts) and the balance it left. */
export const moneyOf = (event: RecordedEvent): { amount?: number; balanceAfter?: number } => {
  const amount = numberOf(event.data, 'amount', 'initialDeposit');
  const balanceAfter =
    event.type === 'AccountOpened' ? (amount ?? 0) : numberOf(event.data, 'balanceAfter');
  return {
    ...(amount === undefined ? {} : { amount }),
    ...(balanceAfter === undefined ? {} : { balanceAfter }),
  };
};

const personalFields = ['holderName', 'reference'] as const;

/** Personal fields as decrypted text, or marked erased once the key was shredded. */
const personalOf = (event: RecordedEvent): string => {
  const shown = personalFields
    .filter((name) => name in event.data)
    .map((name) => {
      const value = event.data[name];
      return `${name}: ${typeof value === 'string' ? value : 'erased'}`;
    });
  if (shown.length === 0) {
    return event.personalDataErased ? 'erased' : '—';
  }
  return shown.join(', ');
};

const short = (id: string): HTMLElement => h('code', { title: id }, id.slice(0, 8));

const row = (event: RecordedEvent): HTMLTableRowElement => {
  const { amount, balanceAfter } = moneyOf(event);
  return h(
    'tr',
    {},
    h('td', { class: 'amount' }, String(event.version)),
    h('td', {}, event.type),
    h(
      'td',
      {},
      h('time', { datetime: event.occurredAt }, new Date(event.occurredAt).toLocaleString()),
    ),
    h('td', { class: 'amount' }, amount === undefined ? '—' : formatMinor(amount)),
    h('td', { class: 'amount' }, balanceAfter === undefined ? '—' : formatMinor(balanceAfter)),
    h('td', {}, short(event.metadata.correlationId)),
    h('td', {}, short(event.metadata.causationId)),
    h('td', {}, personalOf(event)),
  );
};

const headings = [
  'Version',
  'Event',
  'Time',
  'Amount',
  'Balance after',
  'Correlation',
  'Causation',
  'Personal data',
];

/** The account's events as a table: every event, in version order. */
export const timelineView = (events: readonly RecordedEvent[]): HTMLElement =>
  h(
    'section',
    { 'aria-labelledby': 'timeline' },
    h('h3', { id: 'timeline' }, 'Timeline of events'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'timeline' },
        h('caption', {}, `${events.length} events`),
        h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ...events.map(row)),
      ),
    ),
  );
