import type { Config } from '../config.js';
import type { EventStore } from '../event-store/event-store.js';
import { AccountCurrencies } from './account-currencies.js';
import { publisherFor } from './create-publisher.js';
import type { PublishDeps } from './publish-events.js';

// Types only: the zod contracts stay out of the stream consumer's bundle (they generate the schemas).
export type { IntegrationEvent, IntegrationEventType } from './contracts.js';
export { INTEGRATION_SOURCE } from './source.js';
export { type EventPublisher } from './event-publisher.js';
export { publishAfterProjections, publishEvents, type PublishDeps } from './publish-events.js';
export { toIntegrationEvent } from './to-integration-event.js';
export {
  NoPublishDestinationError,
  replayApplier,
  RepublishIncompleteError,
  type Replay,
  type ReplayRequest,
} from './republish.js';
export { loopbackWebhookUrl, WebhookUrlError } from '../webhook-urls.js';

/**
 * What the stream consumer publishes with, from the configuration; undefined when no destination
 * is configured (then nothing is mapped or read for publishing).
 */
export const integrationPublishing = (deps: {
  readonly config: Pick<Config, 'eventBusName' | 'webhookUrls' | 'region'>;
  readonly store: Pick<EventStore, 'load'>;
}): PublishDeps | undefined => {
  const publisher = publisherFor(deps.config);
  return publisher ? { publisher, currencies: new AccountCurrencies(deps.store) } : undefined;
};
