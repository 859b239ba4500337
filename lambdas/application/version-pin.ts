import type { AccountDecision } from '../domain/account/index.js';

interface Pin {
  /** The version loaded. */
  readonly head: number;
  /** The version the client pinned with If-Match, if any. */
  readonly pinned: number | undefined;
  readonly decision: AccountDecision;
  readonly mayBeStale: boolean;
}

/**
 * What a version pinned by If-Match makes of a load: nothing when it matches the head or nothing
 * was pinned; a conflict (reload) when the head may be a stale cached one; else the refusal.
 * Ownership comes first: an account the actor may not see (`account-not-found`) answers exactly
 * like a missing one, so the pin can reveal neither that it exists nor its version (ADR 0091).
 */
export const pinRefusal = ({
  head,
  pinned,
  decision,
  mayBeStale,
}: Pin):
  | { readonly code: 'version-mismatch'; readonly currentVersion: number }
  | 'conflict'
  | undefined => {
  const hidden = !decision.ok && decision.error.code === 'account-not-found';
  if (hidden || pinned === undefined || pinned === head) {
    return undefined;
  }
  return mayBeStale ? 'conflict' : { code: 'version-mismatch', currentVersion: head };
};
