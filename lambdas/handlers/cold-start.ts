import type { Context } from 'aws-lambda';
import { dependencies, type Dependencies } from '../dependencies.js';

/**
 * Builds a handler from the process-wide dependencies on its first invocation (the cold start), so
 * importing a handler module costs nothing and tests can build handlers from their own dependencies.
 */
export const onColdStart = <E, R>(
  build: (deps: Dependencies) => (event: E, context: Context) => Promise<R>,
): ((event: E, context: Context) => Promise<R>) => {
  let handler: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => {
    handler ??= build(dependencies());
    return handler(event, context);
  };
};
