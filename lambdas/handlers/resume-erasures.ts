import type { Context } from 'aws-lambda';
import type { ResumeSummary } from '../application/erasure-service.js';
import { erasureDependencies, type ErasureDependencies } from '../erasure-dependencies.js';
import { logger } from '../observability.js';
import { onColdStart } from './cold-start.js';

/**
 * The scheduled resumer: finishes every erasure that was started and never completed (a crash, a
 * timeout, a user who never called again). Logs counts only, never a subject id.
 */
export const resumeErasures =
  (deps: ErasureDependencies) =>
  async (_event: unknown, context: Context): Promise<ResumeSummary> => {
    const summary = await deps.erasure.resumeUnfinished(context.awsRequestId);
    logger.info('unfinished erasures resumed', { ...summary });
    return summary;
  };

export const handler = onColdStart(resumeErasures, erasureDependencies);
