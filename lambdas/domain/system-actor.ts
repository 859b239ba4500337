import type { SystemActor, SystemProcess } from './actor.js';

/**
 * The system authority of one internal flow. ESLint lets only the transfer process
 * (`lambdas/transfers/`) and the erasure flow (`lambdas/application/erasure-*.ts`) import this, so
 * nothing a request carries can become the system.
 */
export const systemActor = (process: SystemProcess): SystemActor =>
  ({ kind: 'system', process }) as SystemActor;
