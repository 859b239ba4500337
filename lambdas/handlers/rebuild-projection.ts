import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { dependencies, type Dependencies } from '../dependencies.js';
import { logger } from '../observability.js';
import { integrationPublishing, replayApplier, type PublishDeps } from '../integration/index.js';
import type { RebuildProgress } from '../projections/rebuild.js';
import { replayEvents } from '../projections/rebuild-registry.js';
import { MAX_SEGMENTS } from '../projections/rebuild-segments.js';
import { onColdStart } from './cold-start.js';

const rebuildRequest = z
  .strictObject({
    /** The read model to rebuild; may be left out when only republishing. */
    projection: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    /** Publish every event again as an integration event marked `replay: true` (default false). */
    republish: z.optional(z.boolean()),
    totalSegments: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_SEGMENTS))),
    /** Only these segments: several invocations can share one rebuild. */
    segments: z.optional(z.array(z.int().check(z.minimum(0))).check(z.minLength(1))),
  })
  .check(
    z.refine((request) => request.projection !== undefined || request.republish === true, {
      error: 'Name a projection, or ask to republish (republish: true)',
    }),
  );

/** Input of the RebuildProjection function. */
export type RebuildRequest = z.input<typeof rebuildRequest>;

/** What the RebuildProjection function answers once the read model is rebuilt. */
export interface RebuildResponse {
  readonly projection?: string;
  readonly events: number;
  readonly accounts: number;
  /** Integration events published again (only when asked to republish). */
  readonly republished?: number;
}

// Stops cleanly before Lambda would kill the invocation mid-write, leaving a clear error behind.
const MARGIN_MS = 10_000;

const deadlineOf = (context: Context | undefined): AbortSignal | undefined =>
  typeof context?.getRemainingTimeInMillis === 'function'
    ? AbortSignal.timeout(Math.max(context.getRemainingTimeInMillis() - MARGIN_MS, 1))
    : undefined;

const optionsOf = ({ totalSegments, segments }: z.output<typeof rebuildRequest>) => ({
  ...(totalSegments === undefined ? {} : { totalSegments }),
  ...(segments === undefined ? {} : { segments }),
});

const stoppedEarly = (request: z.output<typeof rebuildRequest>, events: number, cause: unknown) =>
  new Error(
    `Rebuild of ${request.projection ?? 'the integration events'} stopped before the Lambda ` +
      `timeout after ${events} events; run it again (it is idempotent) or split it with "segments"`,
    { cause },
  );

const responseOf = (
  { projection, republish }: z.output<typeof rebuildRequest>,
  result: { readonly events: number; readonly accounts: number },
  republished: number,
): RebuildResponse => ({
  ...(projection === undefined ? {} : { projection }),
  ...result,
  ...(republish === true ? { republished } : {}),
});

/**
 * Builds the rebuild handler from dependencies (tests pass their own, and their own destination for
 * republished events; by default the configured one).
 */
export const rebuildProjectionHandler =
  (deps: Dependencies, publishing: PublishDeps | undefined = integrationPublishing(deps)) =>
  async (input: RebuildRequest, context?: Context): Promise<RebuildResponse> => {
    const request = rebuildRequest.parse(input);
    const replay = replayApplier(request, deps, publishing);
    const signal = deadlineOf(context);
    let progress: RebuildProgress | undefined;
    try {
      const result = await replayEvents(deps, replay.apply, {
        ...optionsOf(request),
        ...(signal ? { signal } : {}),
        onProgress: (current) => {
          progress = current;
        },
      });
      const response = responseOf(request, result, replay.republished());
      logger.info('projection rebuilt', { ...response });
      return response;
    } catch (error) {
      throw signal?.aborted ? stoppedEarly(request, progress?.events ?? 0, error) : error;
    }
  };

/**
 * Replays the Events table into a read table, and republishes it when asked:
 * `{ projection?, republish?, totalSegments?, segments? }`.
 */
export const handler = onColdStart(rebuildProjectionHandler, dependencies);
