import type { IntegrationEvent } from './contracts.js';

/**
 * Where integration events go (EventBridge on AWS, loopback webhooks locally). Delivery is at least
 * once: an event may be published again after a failure or a redelivered stream batch, always with
 * the same `id`, so subscribers deduplicate by it.
 */
export interface EventPublisher {
  /**
   * Publishes events given in stream order. Answers the position of the first event that is not
   * known to be published (it and every later one will be offered again), or undefined for all.
   */
  publish(events: readonly IntegrationEvent[]): Promise<number | undefined>;
}

/** Publishes nothing: what the stream consumer runs with when no destination is configured. */
export const noPublisher: EventPublisher = { publish: () => Promise.resolve(undefined) };
