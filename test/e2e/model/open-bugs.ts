/**
 * Bugs of issue 11 still on main, each with the property this suite therefore does not check yet
 * (asserting it would fail every run). Delete an entry when its fix lands: the suite checks that
 * property from then on. An empty set means the suite checks everything ADR 0121 lists.
 */
export type OpenBug =
  /** Item 2: If-Match on a foreign account answers 412 with its version (a missing one: 412 v0). */
  | 'if-match-leaks-existence'
  /** Item 3: `col` + key `x#k` and `col#x` + key `k` share one idempotency record. */
  | 'idempotency-keys-collide'
  /** Item 4: erasure closes accounts that still hold money (no refusal policy yet). */
  | 'erasure-strands-money';

export const openBugs: ReadonlySet<OpenBug> = new Set<OpenBug>([
  'if-match-leaks-existence',
  'idempotency-keys-collide',
  'erasure-strands-money',
]);
