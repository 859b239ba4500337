import type { Account } from '../domain/account/index.js';
import { stepCommandId } from '../event-store/command-ids.js';
import { wasAccepted, type CommandLog } from '../event-store/command-log.js';

/** An account that still holds money, or has money on its way back to it. */
export interface HeldAccount {
  readonly accountId: string;
  readonly balance: number;
  /** Transfers sent from it whose credit is undecided, or refused and not yet reversed. */
  readonly pendingTransfers: readonly string[];
}

const SENT = ':TransferSent';
const REVERSED = ':TransferReversed';
const READ_CHUNK = 25;

/**
 * The transfers sent from an account that may still bring money back to it: the target has not
 * decided the credit yet, or refused it and the reversal is not on the source yet. Reads the
 * credit's decision record (ADR 0061), strongly consistent; a credited transfer is final.
 */
const pendingTransfersOf = async (log: CommandLog, account: Account): Promise<string[]> => {
  if (account.status === 'none') {
    return [];
  }
  const applied = new Set(account.transfers);
  const unreversed = account.transfers
    .filter((entry) => entry.endsWith(SENT))
    .map((entry) => entry.slice(0, -SENT.length))
    .filter((transferId) => !applied.has(transferId + REVERSED));
  const pending: string[] = [];
  // In chunks: an account remembers up to 1,000 transfers, and reads should not burst past that.
  for (let from = 0; from < unreversed.length; from += READ_CHUNK) {
    const chunk = unreversed.slice(from, from + READ_CHUNK);
    const decisions = await Promise.all(
      chunk.map((transferId) => log.find(stepCommandId(transferId, 'credit'))),
    );
    pending.push(
      ...chunk.filter((_, index) => {
        const decision = decisions[index];
        return decision === undefined || !wasAccepted(decision);
      }),
    );
  }
  return pending;
};

/**
 * Why erasure must wait for an account (ADR 0097): it holds a balance, or a transfer from it may
 * still be reversed onto it. Undefined when it holds nothing and nothing can come back.
 */
export const heldBy = async (
  log: CommandLog,
  accountId: string,
  account: Account,
): Promise<HeldAccount | undefined> => {
  if (account.status === 'none' || account.personalDataErased) {
    return undefined;
  }
  const pendingTransfers = await pendingTransfersOf(log, account);
  if (account.balance === 0 && pendingTransfers.length === 0) {
    return undefined;
  }
  return { accountId, balance: account.balance, pendingTransfers };
};
