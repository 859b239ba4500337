import { isCurrency, type Currency } from '../domain/money.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';

/** An account whose opening event is not (yet) readable: its events cannot be mapped now. */
export class UnknownAccountCurrencyError extends Error {
  override readonly name = 'UnknownAccountCurrencyError';
}

/**
 * The currency of each account, for the public events whose internal event does not repeat it (a
 * withdrawal, a closing, a received transfer). An account's currency never changes, so it is read
 * once from the account's opening event (a consistent read) and kept in a bounded cache.
 */
export class AccountCurrencies {
  private readonly known = new Map<string, Currency>();

  constructor(
    private readonly store: Pick<EventStore, 'load'>,
    private readonly capacity = 10_000,
  ) {}

  /** The account's currency: from the event itself when it carries one, else from the opening. */
  async of(event: RecordedEvent): Promise<Currency> {
    const carried = event.data['currency'];
    if (typeof carried === 'string' && isCurrency(carried)) {
      this.remember(event.streamId, carried);
      return carried;
    }
    const cached = this.known.get(event.streamId);
    if (cached) {
      return cached;
    }
    const [opening] = await this.store.load(event.streamId, { toVersion: 1, limit: 1 });
    const currency = opening?.data['currency'];
    if (typeof currency !== 'string' || !isCurrency(currency)) {
      throw new UnknownAccountCurrencyError(`Account ${event.streamId} has no readable opening`);
    }
    this.remember(event.streamId, currency);
    return currency;
  }

  private remember(accountId: string, currency: Currency): void {
    this.known.delete(accountId);
    this.known.set(accountId, currency);
    if (this.known.size > this.capacity) {
      const [oldest] = this.known.keys();
      if (oldest !== undefined) {
        this.known.delete(oldest);
      }
    }
  }
}
