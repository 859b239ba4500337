import { describe, it } from 'vitest';
import {
  decide,
  evolve,
  initialState,
  userActor,
  type AccountCommand,
  type AccountEvent,
} from '../../../lambdas/domain/account/index.js';
import { MAX_BALANCE } from '../../../lambdas/domain/money.js';
import { systemActor } from '../../../lambdas/domain/system-actor.js';
import { deciderSpec } from '../../support/decider-spec.js';

const spec = deciderSpec({ decide, evolve, initialState });
const owner = 'user-1';
const SOURCE = 'acc-source';
const TARGET = 'acc-target';

const opened = (currency: 'EUR' | 'USD' = 'EUR'): AccountEvent => ({
  type: 'AccountOpened',
  data: { ownerId: owner, holderName: 'Ada', currency },
});
const holding = (balance: number): AccountEvent => ({
  type: 'MoneyDeposited',
  data: { amount: balance, currency: 'EUR', balanceAfter: balance },
});
const closed: AccountEvent = { type: 'AccountClosed', data: { balance: 0 } };
const erased: AccountEvent = { type: 'PersonalDataErased', data: { erasureId: 'e-1' } };

const sendTransfer = (
  data: Partial<{ amount: number; toAccountId: string; reference: string }> = {},
  subject = owner,
): AccountCommand => ({
  type: 'SendTransfer',
  actor: userActor(subject),
  data: { transferId: 't-1', fromAccountId: SOURCE, toAccountId: TARGET, amount: 300, ...data },
});
const receive = (currency = 'EUR', amount = 300): AccountCommand => ({
  type: 'ReceiveTransfer',
  actor: systemActor('transfer-process'),
  data: { transferId: 't-1', fromAccountId: SOURCE, amount, currency },
});
const reverse = (amount = 300): AccountCommand => ({
  type: 'ReverseTransfer',
  actor: systemActor('transfer-process'),
  data: { transferId: 't-1', toAccountId: TARGET, amount, reason: 'account-closed' },
});

const sent = (balanceAfter: number): AccountEvent => ({
  type: 'TransferSent',
  data: { transferId: 't-1', toAccountId: TARGET, amount: 300, currency: 'EUR', balanceAfter },
});
const received = (balanceAfter: number): AccountEvent => ({
  type: 'TransferReceived',
  data: { transferId: 't-1', fromAccountId: SOURCE, amount: 300, balanceAfter },
});
const reversed = (balanceAfter: number): AccountEvent => ({
  type: 'TransferReversed',
  data: {
    transferId: 't-1',
    toAccountId: TARGET,
    amount: 300,
    reason: 'account-closed',
    balanceAfter,
  },
});

describe('SendTransfer (the debit on the source)', () => {
  describe('given an open account holding 1000', () => {
    const given = spec.given([opened(), holding(1_000)]);
    it('records TransferSent leaving 700', () => {
      given.when(sendTransfer()).then([sent(700)]);
    });
    it('carries the reference in the event', () => {
      given
        .when(sendTransfer({ reference: 'Rent' }))
        .then([{ ...sent(700), data: { ...sent(700).data, reference: 'Rent' } } as AccountEvent]);
    });
    it('rejects more than the balance', () => {
      given
        .when(sendTransfer({ amount: 1_001 }))
        .thenRejects({ code: 'insufficient-funds', balance: 1_000, requested: 1_001 });
    });
    it('rejects a transfer to itself', () => {
      given.when(sendTransfer({ toAccountId: SOURCE })).thenRejects({ code: 'same-account' });
    });
    it('rejects a zero amount', () => {
      given.when(sendTransfer({ amount: 0 })).thenRejects({ code: 'invalid-amount', amount: 0 });
    });
    it("rejects another user's account as not found", () => {
      given.when(sendTransfer({}, 'intruder')).thenRejects({ code: 'account-not-found' });
    });
  });
  describe('given the transfer was already sent', () => {
    it('records nothing again', () => {
      spec
        .given([opened(), holding(1_000), sent(700)])
        .when(sendTransfer())
        .then([]);
    });
  });
  describe('given a closed account', () => {
    it('rejects the transfer', () => {
      spec.given([opened(), closed]).when(sendTransfer()).thenRejects({ code: 'account-closed' });
    });
  });
});

describe('ReceiveTransfer (the credit on the target)', () => {
  describe('given an open EUR account holding 1000', () => {
    const given = spec.given([opened(), holding(1_000)]);
    it('records TransferReceived leaving 1300', () => {
      given.when(receive()).then([received(1_300)]);
    });
    it("records the sender's reference as the receiver's own copy", () => {
      const command = receive();
      given
        .when({
          ...command,
          data: { ...command.data, reference: 'Rent for March' },
        } as AccountCommand)
        .then([
          {
            type: 'TransferReceived',
            data: {
              transferId: 't-1',
              fromAccountId: SOURCE,
              amount: 300,
              balanceAfter: 1_300,
              reference: 'Rent for March',
            },
          },
        ]);
    });
    it('rejects another currency', () => {
      given
        .when(receive('USD'))
        .thenRejects({ code: 'currency-mismatch', expected: 'EUR', actual: 'USD' });
    });
  });
  it('rejects an account that does not exist', () => {
    spec.given([]).when(receive()).thenRejects({ code: 'account-not-found' });
  });
  it('rejects a closed account', () => {
    spec.given([opened(), closed]).when(receive()).thenRejects({ code: 'account-closed' });
  });
  it('rejects an erased account', () => {
    spec.given([opened(), erased]).when(receive()).thenRejects({ code: 'personal-data-erased' });
  });
  it('rejects a credit past the largest balance', () => {
    spec
      .given([opened(), holding(MAX_BALANCE - 1)])
      .when(receive('EUR', 2))
      .thenRejects({ code: 'balance-limit-exceeded', balance: MAX_BALANCE - 1, requested: 2 });
  });
  it('records nothing for a transfer already received', () => {
    spec
      .given([opened(), received(300)])
      .when(receive())
      .then([]);
  });
});

describe('ReverseTransfer (the compensation on the source)', () => {
  it('returns the amount to the source', () => {
    spec
      .given([opened(), holding(1_000), sent(700)])
      .when(reverse())
      .then([reversed(1_000)]);
  });
  it('returns it even when the source was closed or erased since', () => {
    spec
      .given([opened(), sent(0), erased])
      .when(reverse())
      .then([reversed(300)]);
  });
  it('records nothing for a transfer already reversed', () => {
    spec
      .given([opened(), holding(1_000), sent(700), reversed(1_000)])
      .when(reverse())
      .then([]);
  });
  it('returns it even when the source was refilled to the balance limit since', () => {
    spec
      .given([opened(), holding(MAX_BALANCE), sent(MAX_BALANCE - 300), holding(MAX_BALANCE)])
      .when(reverse())
      .then([reversed(MAX_BALANCE + 300)]);
  });
  it('rejects an account that does not exist', () => {
    spec.given([]).when(reverse()).thenRejects({ code: 'account-not-found' });
  });
});
