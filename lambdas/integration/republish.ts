import type { AccountApplier } from '../projections/rebuild.js';
import { projectionApplier, type RebuildDeps } from '../projections/rebuild-registry.js';
import { publishEvents, type PublishDeps } from './publish-events.js';

/** A rebuild asked to republish, with no destination configured to publish to. */
export class NoPublishDestinationError extends Error {
  override readonly name = 'NoPublishDestinationError';
  constructor() {
    super(
      'Nothing to republish to: no EVENT_BUS_NAME (on AWS) or INTEGRATION_WEBHOOK_URLS (locally) is set',
    );
  }
}

/** A destination did not take every event of an account run; the rebuild retries the run. */
export class RepublishIncompleteError extends Error {
  override readonly name = 'RepublishIncompleteError';
}

/** What a replay of the Events table is asked to do: rebuild a projection, republish, or both. */
export interface ReplayRequest {
  readonly projection?: string | undefined;
  readonly republish?: boolean | undefined;
}

/** The replay's applier and how many events it has republished (runs fully taken). */
export interface Replay {
  readonly apply: AccountApplier;
  republished(): number;
}

const nothing: AccountApplier = () => Promise.resolve();

/**
 * The applier of a replay: the named projection's, then (when asked) the account run's integration
 * events published again, each marked `replay: true`, in version order and only after the
 * projection took the run (as the live consumer publishes after its projections). A run the
 * destination did not fully take throws, so the rebuild tries it again: delivery stays at least
 * once, with the same event ids, so subscribers deduplicate as they do for live events.
 * @throws UnknownProjectionError for a projection name not in the registry.
 * @throws NoPublishDestinationError when asked to republish with no destination.
 */
export const replayApplier = (
  request: ReplayRequest,
  deps: RebuildDeps,
  publishing: PublishDeps | undefined,
): Replay => {
  const project =
    request.projection === undefined ? nothing : projectionApplier(request.projection, deps);
  if (request.republish !== true) {
    return { apply: project, republished: () => 0 };
  }
  if (!publishing) {
    throw new NoPublishDestinationError();
  }
  let republished = 0;
  const apply: AccountApplier = async (accountId, events) => {
    await project(accountId, events);
    const failedAt = await publishEvents(events, publishing, { replay: true });
    if (failedAt !== undefined) {
      throw new RepublishIncompleteError(
        `Account ${accountId}: republished up to version ${events[failedAt]?.version ?? '?'} only`,
      );
    }
    republished += events.length;
  };
  return { apply, republished: () => republished };
};
