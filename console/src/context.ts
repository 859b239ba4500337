import type { Api } from './api.js';
import type { Session } from './auth.js';

/** What every view needs: the typed client, who is signed in, and a way to say what happened. */
export interface Context {
  readonly api: Api;
  readonly session: Session;
  /** Shows an outcome in the page's live regions: errors as alerts, successes as status. */
  readonly notify: (kind: 'error' | 'success', message: string) => void;
  readonly navigate: (hash: string) => void;
}
