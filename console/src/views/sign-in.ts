import { signInLocally, signInWithCognito, type Session } from '../auth.js';
import type { ConsoleConfig } from '../config.js';
import { field, h } from '../dom.js';

/** The sign-in page: a user id in local mode, the Cognito hosted UI when deployed. */
export const signInView = (
  config: ConsoleConfig,
  signedIn: (session: Session) => void,
): HTMLElement => {
  const message = h('p', { role: 'alert', class: 'message error' });
  if (config.mode === 'cognito') {
    const button = h('button', { type: 'button' }, 'Sign in');
    button.addEventListener('click', () => {
      void signInWithCognito(config);
    });
    return h(
      'section',
      { 'aria-labelledby': 'sign-in' },
      h('h2', { id: 'sign-in' }, 'Sign in'),
      button,
      message,
    );
  }
  const user = field('User id', {
    required: true,
    pattern: '[A-Za-z0-9._:@\\-]{1,128}',
    autocomplete: 'username',
  });
  const form = h(
    'form',
    {},
    h('p', {}, 'Local mode: pick any user id; the local server signs a token for it.'),
    user.row,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signInLocally(user.input.value).then(signedIn, (error: unknown) => {
      message.textContent = error instanceof Error ? error.message : 'Sign-in failed.';
    });
  });
  return h(
    'section',
    { 'aria-labelledby': 'sign-in' },
    h('h2', { id: 'sign-in' }, 'Sign in'),
    form,
    message,
  );
};
