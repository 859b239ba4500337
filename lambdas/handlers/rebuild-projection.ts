import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { Dependencies } from '../dependencies.js';
import { logger } from '../observability.js';
import type { RebuildProgress } from '../projections/rebuild.js';
import { rebuildByName } from '../projections/rebuild-registry.js';
import { MAX_SEGMENTS } from '../projections/rebuild-segments.js';
import { onColdStart } from './cold-start.js';

const rebuildRequest = z.strictObject({
  projection: z.string().check(z.minLength(1), z.maxLength(100)),
  totalSegments: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_SEGMENTS))),
  /** Only these segments: several invocations can share one rebuild. */
  segments: z.optional(z.array(z.int().check(z.minimum(0))).check(z.minLength(1))),
});

/** Input of the RebuildProjection function. */
export type RebuildRequest = z.input<typeof rebuildRequest>;

/** What the RebuildProjection function answers once the read model is rebuilt. */
export interface RebuildResponse {
  readonly projection: string;
  readonly events: number;
  readonly accounts: number;
}

// Stops cleanly before Lambda would kill the invocation mid-write, leaving a clear error behind.
const MARGIN_MS = 10_000;

const deadlineOf = (context: Context | undefined): AbortSignal | undefined =>
  typeof context?.getRemainingTimeInMillis === 'function'
    ? AbortSignal.timeout(Math.max(context.getRemainingTimeInMillis() - MARGIN_MS, 1))
    : undefined;

const optionsOf = ({ projection, totalSegments, segments }: z.output<typeof rebuildRequest>) => ({
  projection,
  ...(totalSegments === undefined ? {} : { totalSegments }),
  ...(segments === undefined ? {} : { segments }),
});

/** Builds the rebuild handler from dependencies (tests pass their own). */
export const rebuildProjectionHandler =
  (deps: Dependencies) =>
  async (input: RebuildRequest, context?: Context): Promise<RebuildResponse> => {
    const { projection, ...options } = optionsOf(rebuildRequest.parse(input));
    const signal = deadlineOf(context);
    let progress: RebuildProgress | undefined;
    try {
      const result = await rebuildByName(projection, deps, {
        ...options,
        ...(signal ? { signal } : {}),
        onProgress: (current) => {
          progress = current;
        },
      });
      logger.info('projection rebuilt', { projection, ...result });
      return { projection, ...result };
    } catch (error) {
      if (signal?.aborted) {
        throw new Error(
          `Rebuild of ${projection} stopped before the Lambda timeout after ${progress?.events ?? 0} events; ` +
            'run it again (it is idempotent) or split it with "segments"',
          { cause: error },
        );
      }
      throw error;
    }
  };

/** Replays the Events table into a read table: `{ projection, totalSegments? }`. */
export const handler = onColdStart(rebuildProjectionHandler);
