import type { AccountEventType } from '../domain/account/index.js';
import { perAccount, type StreamConsumer } from '../event-store/event-stream.js';
import { projectedEvent, type ProjectedEvent } from './projected-event.js';
import type { AccountApplier } from './rebuild.js';

/**
 * A read model, one contract for the live stream consumer and the rebuild (ADR 0170). `apply`
 * gets one account's run: upcast, each version once, in version order, and only the types in
 * `handles`. It must be idempotent and order-safe (a run may be delivered again, and another
 * account's events may come before or after it); it throws when it could not apply the run.
 */
export interface Projection {
  readonly name: string;
  readonly handles: ReadonlySet<AccountEventType>;
  apply(accountId: string, events: readonly ProjectedEvent[]): Promise<void>;
}

/**
 * A projection as an applier of one account's upcast run (what the rebuild and the live adapter
 * call): typed once, filtered to what it handles, and not called for a run with none of those.
 * @throws UnreadableEventError for an event whose data does not have its type's fields.
 */
export const applierOf =
  (projection: Projection): AccountApplier =>
  async (accountId, events) => {
    const handled = events
      .map(projectedEvent)
      .filter((event) => projection.handles.has(event.type));
    if (handled.length > 0) {
      await projection.apply(accountId, handled);
    }
  };

/**
 * A projection as a reader of the Events stream: per account (`perAccount`), so it reports the
 * first batch position of the earliest account it could not apply, and every other account of
 * the batch is applied regardless.
 */
export const projectionConsumer = (projection: Projection): StreamConsumer => {
  const apply = applierOf(projection);
  return { name: projection.name, consume: (events) => perAccount(events, apply) };
};
