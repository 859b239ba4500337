import type { Context } from 'aws-lambda';

/**
 * Builds a handler from process-wide dependencies on its first invocation (the cold start), so
 * importing a handler module costs nothing and tests can build handlers from their own dependencies.
 * `wiring` is the smallest graph the handler needs (core-dependencies.ts for the commands,
 * read-dependencies.ts for the queries, dependencies.ts for the rest): a bundle carries only it.
 */
export const onColdStart = <D, E, R>(
  build: (deps: D) => (event: E, context: Context) => Promise<R>,
  wiring: () => D,
): ((event: E, context: Context) => Promise<R>) => {
  let handler: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => {
    handler ??= build(wiring());
    return handler(event, context);
  };
};
