import type { Context } from '../context.js';
import { h, show } from '../dom.js';
import { formatMoney } from '../money.js';
import type { RecordedEvent } from './timeline.js';

const pollMs = 400;
const maxPolls = 50;

const transferIds = (events: readonly RecordedEvent[]): string[] =>
  events.flatMap((event) => {
    const id = event.data['transferId'];
    return event.type === 'TransferSent' && typeof id === 'string' ? [id] : [];
  });

/**
 * The transfers this account sent, each with its status from the Transfers read model; a pending
 * (or not yet projected) transfer is read again until it completes or is reversed.
 */
export const transfersView = (
  ctx: Context,
  events: readonly RecordedEvent[],
  started: readonly string[],
): HTMLElement => {
  const ids = [...new Set([...transferIds(events), ...started])];
  const item = (transferId: string): HTMLElement => {
    const line = h(
      'li',
      { 'data-transfer': transferId },
      `Transfer ${transferId.slice(0, 8)}: pending`,
    );
    const poll = (attempt: number): void => {
      void ctx.api
        .GET('/transfers/{id}', { params: { path: { id: transferId } } })
        .then(({ data }) => {
          if (data) {
            const reason = data.reason === undefined ? '' : ` (${data.reason})`;
            show(
              line,
              `Transfer ${transferId.slice(0, 8)} of ${formatMoney(data.amount, data.currency)} to ${data.toAccountId.slice(0, 8)}: ${data.status}${reason}`,
            );
          }
          if ((!data || data.status === 'pending') && attempt < maxPolls) {
            setTimeout(() => {
              poll(attempt + 1);
            }, pollMs);
          }
        });
    };
    poll(0);
    return line;
  };
  return h(
    'section',
    { 'aria-labelledby': 'transfers' },
    h('h3', { id: 'transfers' }, 'Transfers'),
    ids.length === 0
      ? h('p', {}, 'No transfers sent yet.')
      : h('ul', { 'aria-live': 'polite' }, ...ids.map(item)),
  );
};
