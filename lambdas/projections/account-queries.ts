import type { PersonalData } from '../crypto/index.js';
import type { AccountSummaryRow } from './account-summary.projection.js';
import type { Page, ReadModelQueries } from './queries.js';
import {
  ledgerEntryView,
  summaryView,
  type AccountView,
  type LedgerEntryView,
} from './revealed-views.js';

/**
 * The account read models (AccountSummaries, Ledger) as their owner may see them: every read checks
 * the owner and reveals the personal fields, so a handler only renders. A foreign account answers
 * exactly like a missing one (undefined).
 */
export class AccountQueries {
  constructor(
    /** The stored rows, as the projectors left them (no owner check, nothing revealed). */
    readonly rows: ReadModelQueries,
    private readonly personalData: PersonalData,
  ) {}

  private async owned(accountId: string, actorId: string): Promise<AccountSummaryRow | undefined> {
    const row = await this.rows.summary(accountId);
    return row?.ownerId === actorId ? row : undefined;
  }

  /** The account's summary for its owner; undefined when it does not exist or is not theirs. */
  async viewFor(accountId: string, actorId: string): Promise<AccountView | undefined> {
    const row = await this.owned(accountId, actorId);
    return row && summaryView(this.personalData, row);
  }

  /** Every account of an owner (the byOwner index holds only theirs). */
  async viewsOf(ownerId: string): Promise<AccountView[]> {
    const rows = await this.rows.summariesOf(ownerId);
    return Promise.all(rows.map((row) => summaryView(this.personalData, row)));
  }

  /**
   * A page of the account's ledger, newest first, for its owner; undefined when the account does
   * not exist or is not theirs. The owner is checked before the cursor is read.
   * @throws InvalidCursorError when the cursor is not one this API issued.
   */
  async transactionsFor(
    accountId: string,
    actorId: string,
    page: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<Page<LedgerEntryView> | undefined> {
    if (!(await this.owned(accountId, actorId))) {
      return undefined;
    }
    const { items, next } = await this.rows.transactions(accountId, page.limit, page.cursor);
    const views = await Promise.all(
      items.map((item) => ledgerEntryView(this.personalData, actorId, item)),
    );
    return next === undefined ? { items: views } : { items: views, next };
  }
}
