import { isOwner, type Actor } from '../actor.js';
import type { AccountError } from './errors.js';
import type { Account, ExistingAccount } from './state.js';

type Found = { ok: true; account: ExistingAccount } | { ok: false; error: AccountError };

/** The account if it exists, is open and its personal data is intact; why not otherwise. */
export const openAccount = (state: Account): Found => {
  if (state.status === 'none') {
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

/**
 * The account as the actor may act on it: it exists, the actor is the user who owns it, and it is
 * open. Another owner's account is reported as not found, so existence does not leak. No actor
 * acts on an account it does not own: the system's steps (credit, reversal, erasure) are commands
 * of their own that never pass through here.
 */
export const openAccountOf = (actor: Actor, state: Account): Found => {
  if (state.status === 'none' || !isOwner(actor, state.ownerId)) {
    return { ok: false, error: { code: 'account-not-found' } };
  }
  return openAccount(state);
};
