import type { AccountCommand } from '../domain/account/index.js';
import { systemActor } from '../domain/system-actor.js';
import type { PendingTransfer } from './pending-transfer.js';
import type { ProcessStep } from '../event-store/command-ids.js';

/** A step of the process as a command on one account. */
export interface StepCommand {
  readonly step: ProcessStep;
  readonly accountId: string;
  readonly command: AccountCommand;
}

/** The authority of the process's own steps: a credit and a reversal, nothing else. */
const transferProcess = systemActor('transfer-process');

/**
 * Credits the target, in the source's currency (the target refuses any other), with the sender's
 * reference in plaintext when there is one: the service encrypts it under the receiver's key.
 */
export const creditOf = (
  { transferId, fromAccountId, toAccountId, amount, currency }: PendingTransfer,
  reference?: string,
): StepCommand => ({
  step: 'credit',
  accountId: toAccountId,
  command: {
    type: 'ReceiveTransfer',
    actor: transferProcess,
    data: {
      transferId,
      fromAccountId,
      amount,
      currency,
      ...(reference === undefined ? {} : { reference }),
    },
  },
});

/** Returns the amount to the source, naming why the target refused it. */
export const reversalOf = (
  { transferId, fromAccountId, toAccountId, amount }: PendingTransfer,
  reason: string,
): StepCommand => ({
  step: 'reverse',
  accountId: fromAccountId,
  command: {
    type: 'ReverseTransfer',
    actor: transferProcess,
    data: { transferId, toAccountId, amount, reason },
  },
});
