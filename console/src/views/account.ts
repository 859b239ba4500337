import { unwrap, type Api, type Schemas } from '../api.js';
import type { Context } from '../context.js';
import { h, show } from '../dom.js';
import { formatMoney } from '../money.js';
import { actionsView } from './actions.js';
import { balanceChart } from './chart.js';
import { timeTravelView } from './time-travel.js';
import { timelineView, type RecordedEvent } from './timeline.js';
import { transfersView } from './transfers.js';

/** Every event of the account, page by page (the event store is strongly consistent). */
const allEvents = async (api: Api, id: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let fromVersion: number | undefined = 1;
  while (fromVersion !== undefined) {
    const page: Schemas['EventsPage'] = unwrap(
      await api.GET('/accounts/{id}/events', { params: { path: { id }, query: { fromVersion } } }),
    );
    events.push(...page.events);
    fromVersion = page.nextFromVersion;
  }
  return events;
};

const summary = (state: Awaited<ReturnType<typeof loadState>>) => {
  if (state.state.status === 'none') {
    return h('p', {}, 'No such account.');
  }
  const { holderName, balance, currency, status } = state.state;
  return h(
    'dl',
    { class: 'summary' },
    h('dt', {}, 'Holder'),
    h('dd', { 'data-testid': 'holder' }, holderName ?? 'Name erased'),
    h('dt', {}, 'Balance'),
    h('dd', { 'data-testid': 'balance' }, formatMoney(balance, currency)),
    h('dt', {}, 'Status'),
    h('dd', {}, status),
    h('dt', {}, 'Version'),
    h('dd', {}, String(state.version)),
  );
};

const loadState = async (api: Api, id: string) =>
  unwrap(await api.GET('/accounts/{id}/state', { params: { path: { id } } }));

/** One account: summary, actions, balance chart, timeline, time travel and transfers. */
export const accountView = (ctx: Context, accountId: string): HTMLElement => {
  const container = h('div', { class: 'stack' }, 'Loading the account…');
  const started: string[] = [];
  const render = async (): Promise<void> => {
    const [state, events] = await Promise.all([
      loadState(ctx.api, accountId),
      allEvents(ctx.api, accountId),
    ]);
    const target = {
      accountId,
      changed: (message: string) => {
        ctx.notify('success', message);
        void render();
      },
      transferStarted: (transferId: string) => started.push(transferId),
    };
    show(
      container,
      h('p', {}, h('a', { href: '#/' }, '← My accounts')),
      h('h2', {}, 'Account ', h('code', { 'data-testid': 'account-id' }, accountId)),
      summary(state),
      actionsView(ctx, target),
      h(
        'section',
        { 'aria-labelledby': 'chart' },
        h('h3', { id: 'chart' }, 'Balance over time'),
        balanceChart(events),
      ),
      timelineView(events),
      timeTravelView(ctx, accountId, state.version),
      transfersView(ctx, events, started),
    );
  };
  render().catch((error: unknown) => {
    show(
      container,
      h(
        'p',
        { role: 'alert' },
        error instanceof Error ? error.message : 'Could not load the account.',
      ),
    );
  });
  return container;
};
