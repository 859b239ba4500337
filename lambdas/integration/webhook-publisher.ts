import { logger } from '../observability.js';
import type { IntegrationEvent } from './contracts.js';
import type { EventPublisher } from './event-publisher.js';

export interface WebhookPublisherOptions {
  /** Checked loopback URLs (webhook-urls.ts). */
  readonly urls: readonly string[];
  /** Per request (default 5 s). */
  readonly timeoutMs?: number;
}

/**
 * The local adapter: POSTs each integration event, as JSON (the same document EventBridge carries
 * as `detail`), to every configured loopback webhook, one event after the other so each account's
 * events arrive in version order. A 2xx answer is a delivery; anything else (another status, a
 * redirect, which is never followed, a refused connection, a timeout) stops at that event, which
 * is offered again with every later one (at least once: deduplicate by `id`).
 */
export class WebhookPublisher implements EventPublisher {
  constructor(private readonly options: WebhookPublisherOptions) {}

  async publish(events: readonly IntegrationEvent[]): Promise<number | undefined> {
    for (const [index, event] of events.entries()) {
      const delivered = await Promise.all(this.options.urls.map((url) => this.post(url, event)));
      if (delivered.includes(false)) {
        return index;
      }
    }
    return undefined;
  }

  private async post(url: string, event: IntegrationEvent): Promise<boolean> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'ledger-event-id': event.id,
          'ledger-event-type': event.type,
        },
        body: JSON.stringify(event),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        return true;
      }
      logger.warn('webhook refused an integration event', { status: response.status });
    } catch (error) {
      logger.warn('webhook unreachable', { errorName: (error as Error).name });
    }
    return false;
  }
}
