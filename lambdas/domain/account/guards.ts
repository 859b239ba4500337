import { SYSTEM_ACTOR } from './commands.js';
import type { AccountError } from './errors.js';
import type { Account, ExistingAccount } from './state.js';

/**
 * The account as the actor may act on it: it exists, the actor owns it (or is the system) and it is
 * open. Another owner's account is reported as not found, so existence does not leak.
 */
export const openAccountOf = (
  actorId: string,
  state: Account,
): { ok: true; account: ExistingAccount } | { ok: false; error: AccountError } => {
  if (state.status === 'none' || (actorId !== state.ownerId && actorId !== SYSTEM_ACTOR)) {
    return { ok: false, error: { code: 'account-not-found' } };
  }
  if (state.personalDataErased) {
    return { ok: false, error: { code: 'personal-data-erased' } };
  }
  if (state.status === 'closed') {
    return { ok: false, error: { code: 'account-closed' } };
  }
  return { ok: true, account: state };
};
