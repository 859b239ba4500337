import { createApi } from './api.js';
import { completeCognitoSignIn, currentSession, signOut, type Session } from './auth.js';
import type { ConsoleConfig } from './config.js';
import type { Context } from './context.js';
import { h, show } from './dom.js';
import { accountView } from './views/account.js';
import { accountsView } from './views/accounts.js';
import { erasureView } from './views/erasure.js';
import { signInView } from './views/sign-in.js';

const root = document.getElementById('app') ?? document.body;
const errors = h('p', { role: 'alert', class: 'message error', 'data-testid': 'error' });
const status = h('p', { role: 'status', class: 'message success', 'data-testid': 'status' });

const notify = (kind: 'error' | 'success', message: string): void => {
  errors.textContent = kind === 'error' ? message : '';
  status.textContent = kind === 'success' ? message : '';
};

const route = (ctx: Context, main: HTMLElement): void => {
  const account = /^#\/accounts\/([0-9a-f-]{36})$/.exec(location.hash)?.[1];
  show(main, account === undefined ? accountsView(ctx) : accountView(ctx, account));
  main.focus();
};

const signedInPage = (session: Session, config: ConsoleConfig): void => {
  const main = h('main', { id: 'main', tabindex: -1 });
  const ctx: Context = {
    api: createApi(config.apiUrl, () => session.token),
    session,
    notify,
    navigate: (hash) => {
      location.hash = hash;
    },
  };
  const leave = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  leave.addEventListener('click', () => {
    signOut();
    location.hash = '';
    location.reload();
  });
  const header = h(
    'header',
    {},
    h('h1', {}, 'Ledger'),
    h('span', {}, 'Signed in as ', h('strong', {}, session.userId)),
    leave,
    erasureView(ctx, main),
  );
  show(root, header, errors, status, main);
  window.addEventListener('hashchange', () => {
    notify('success', '');
    route(ctx, main);
  });
  route(ctx, main);
};

const start = async (): Promise<void> => {
  const config = (await (await fetch('/config.json')).json()) as ConsoleConfig;
  const returning = config.mode === 'cognito' ? await completeCognitoSignIn(config) : undefined;
  const session = returning ?? currentSession();
  if (session) {
    signedInPage(session, config);
    return;
  }
  show(
    root,
    h('header', {}, h('h1', {}, 'Ledger')),
    h(
      'main',
      {},
      signInView(config, (signedIn) => {
        signedInPage(signedIn, config);
      }),
    ),
  );
};

start().catch((error: unknown) => {
  show(
    root,
    h(
      'p',
      { role: 'alert' },
      error instanceof Error ? error.message : 'The console could not start.',
    ),
  );
});
