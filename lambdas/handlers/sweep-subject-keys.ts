import type { Context } from 'aws-lambda';
import { sweepOrphanKeys, type SweepReport } from '../crypto/index.js';
import { dependencies, type Dependencies } from '../dependencies.js';
import { logger } from '../observability.js';
import { onColdStart } from './cold-start.js';

// Stops listing before Lambda would cut the sweep off; the next scheduled run resumes it.
const MARGIN_MS = 30_000;

/** Builds the scheduled sweeper from dependencies (tests pass their own). */
export const sweepSubjectKeysHandler =
  (deps: Dependencies) =>
  async (_event: unknown, context?: Context): Promise<SweepReport> => {
    if (deps.config.keyStrategy !== 'kms-key-per-subject' || !deps.kmsClient) {
      throw new Error('The subject-key sweeper runs only under kms-key-per-subject');
    }
    const remaining = context?.getRemainingTimeInMillis();
    const report = await sweepOrphanKeys({
      kms: deps.kmsClient,
      documentClient: deps.client,
      subjectKeysTable: deps.config.tables.SubjectKeys,
      tagKey: deps.config.kmsTagKey,
      tagValue: deps.config.kmsTagValue,
      ...(remaining === undefined
        ? {}
        : { signal: AbortSignal.timeout(Math.max(remaining - MARGIN_MS, 1)) }),
    });
    logger.info('subject keys swept', { ...report, retired: report.retired.length });
    return report;
  };

/** Retires per-subject KMS keys that no SubjectKeys record uses (EventBridge schedule). */
export const handler = onColdStart(sweepSubjectKeysHandler, dependencies);
