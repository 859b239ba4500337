import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from '../lib/function-specs.js';

const handlersDir = new URL('../lambdas/handlers/', import.meta.url);

const hasHandler = (module: unknown): module is { handler: unknown } =>
  typeof module === 'object' && module !== null && 'handler' in module;

/**
 * Imports `lambdas/handlers/<handler>.ts` and answers its `handler` export, or undefined when the
 * module does not exist yet (the local server answers 501 for it). The import must happen after the
 * environment is set: handlers read their configuration from it on their first invocation.
 */
export const loadHandler = async <H>(spec: FunctionSpec): Promise<H | undefined> => {
  const url = new URL(`${spec.handler}.ts`, handlersDir);
  if (!existsSync(fileURLToPath(url))) {
    return undefined;
  }
  const module: unknown = await import(url.href);
  if (!hasHandler(module) || typeof module.handler !== 'function') {
    throw new Error(`lambdas/handlers/${spec.handler}.ts does not export a handler function`);
  }
  // The route table promises the handler's signature; the CDK stack relies on the same promise.
  return module.handler as H;
};
