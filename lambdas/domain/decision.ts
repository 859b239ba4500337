/** The outcome of a decider: the events to record, or a typed rejection. Never thrown. */
export type Decision<E, F> =
  { readonly ok: true; readonly events: readonly E[] } | { readonly ok: false; readonly error: F };

export const accept = <E>(
  ...events: E[]
): { readonly ok: true; readonly events: readonly E[] } => ({
  ok: true,
  events,
});

export const reject = <F>(error: F): { readonly ok: false; readonly error: F } => ({
  ok: false,
  error,
});
