import type { Context } from 'aws-lambda';
import { createEpochRotation, KeyServiceBusyError, type RotationSummary } from '../crypto/index.js';
import { coreDependencies, type CoreDependencies } from '../core-dependencies.js';
import { logger } from '../observability.js';
import { onColdStart } from './cold-start.js';

// Stops between scan pages this long before Lambda would cut the run off (a page of 500 rewraps
// takes seconds); the next scheduled run resumes where the items say it stopped.
export const ROTATION_MARGIN_MS = 60_000;

/** What a run answers: its summary, or that KMS was busy and the next run carries on. */
export type RotationRun =
  RotationSummary | { readonly finished: false; readonly paused: 'kms-busy' };

/** Builds the scheduled `kms-epoch` rotation from dependencies (tests pass their own). */
export const rotateKeyEpochHandler =
  (deps: CoreDependencies) =>
  async (_event: unknown, context?: Context): Promise<RotationRun> => {
    if (deps.config.keyStrategy !== 'kms-epoch' || !deps.kmsClient) {
      throw new Error('The key epoch rotation runs only under kms-epoch');
    }
    const rotation = createEpochRotation(
      deps.config,
      { documentClient: deps.client, kmsClient: deps.kmsClient, clock: deps.clock },
      context ? { timeLeftMs: () => context.getRemainingTimeInMillis() - ROTATION_MARGIN_MS } : {},
    );
    try {
      const summary = await rotation.run();
      logger.info('key epoch rotation run', { ...summary });
      return summary;
    } catch (error) {
      // Throttled or briefly unavailable (already retried by the SDK): every step done so far is
      // stored, so this run ends cleanly and the next one resumes. Any other failure is thrown.
      if (error instanceof KeyServiceBusyError) {
        logger.warn('key epoch rotation paused: KMS busy', { operation: error.operation });
        return { finished: false, paused: 'kms-busy' };
      }
      throw error;
    }
  };

/** Rotates the `kms-epoch` key when due and finishes a rotation in progress (EventBridge Scheduler). */
export const handler = onColdStart(rotateKeyEpochHandler, coreDependencies);
