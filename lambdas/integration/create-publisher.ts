import type { Config } from '../config.js';
import { sdkPutEvents } from './eventbridge-client.js';
import { EventBridgePublisher } from './eventbridge-publisher.js';
import type { EventPublisher } from './event-publisher.js';
import { WebhookPublisher } from './webhook-publisher.js';

/**
 * The publisher the configuration asks for: the stack's EventBridge bus (EVENT_BUS_NAME, on AWS),
 * else loopback webhooks (INTEGRATION_WEBHOOK_URLS, `npm start`), else none (undefined).
 */
export const publisherFor = (
  config: Pick<Config, 'eventBusName' | 'webhookUrls' | 'region'>,
): EventPublisher | undefined => {
  if (config.eventBusName !== undefined) {
    return new EventBridgePublisher({
      putEvents: sdkPutEvents(config.region),
      busName: config.eventBusName,
    });
  }
  if (config.webhookUrls.length > 0) {
    return new WebhookPublisher({ urls: config.webhookUrls });
  }
  return undefined;
};
