import { describe, expect, it } from 'vitest';
import {
  decide,
  evolve,
  initialState,
  userActor,
  type AccountCommand,
  type AccountEvent,
} from '../../../lambdas/domain/account/index.js';
import { MAX_BALANCE } from '../../../lambdas/domain/money.js';
import { deciderSpec } from '../../support/decider-spec.js';

const spec = deciderSpec({ decide, evolve, initialState });
const owner = 'user-1';

const opened = (currency: 'EUR' | 'JPY' = 'EUR', initialDeposit?: number): AccountEvent => ({
  type: 'AccountOpened',
  data: {
    ownerId: owner,
    holderName: 'Ada',
    currency,
    ...(initialDeposit ? { initialDeposit } : {}),
  },
});
const deposited = (amount: number, balanceAfter: number): AccountEvent => ({
  type: 'MoneyDeposited',
  data: { amount, currency: 'EUR', balanceAfter },
});
const open = (
  data: Partial<{ currency: string; initialDeposit: number }> = {},
): AccountCommand => ({
  type: 'OpenAccount',
  actor: userActor(owner),
  data: { holderName: 'Ada', currency: 'EUR', ...data },
});
const deposit = (amount: number, subject = owner): AccountCommand => ({
  type: 'DepositMoney',
  actor: userActor(subject),
  data: { amount },
});
const withdraw = (amount: number, subject = owner): AccountCommand => ({
  type: 'WithdrawMoney',
  actor: userActor(subject),
  data: { amount },
});
const close = (subject = owner): AccountCommand => ({
  type: 'CloseAccount',
  actor: userActor(subject),
  data: {},
});

describe('Account', () => {
  describe('given no account', () => {
    const given = spec.given([]);
    it('opens an account owned by the actor', () => {
      given.when(open()).then([opened()]);
    });
    it('opens with the initial deposit as the opening balance, in one event', () => {
      given.when(open({ initialDeposit: 10_000 })).then([opened('EUR', 10_000)]);
    });
    it('treats an initial deposit of zero as none', () => {
      given.when(open({ initialDeposit: 0 })).then([opened()]);
    });
    it('rejects an unknown currency', () => {
      given
        .when(open({ currency: 'XXX' }))
        .thenRejects({ code: 'unsupported-currency', currency: 'XXX' });
    });
    it('rejects a fractional initial deposit', () => {
      given
        .when(open({ initialDeposit: 1.5 }))
        .thenRejects({ code: 'invalid-amount', amount: 1.5 });
    });
    it('rejects a deposit as account-not-found', () => {
      given.when(deposit(100)).thenRejects({ code: 'account-not-found' });
    });
    it('rejects a close as account-not-found', () => {
      given.when(close()).thenRejects({ code: 'account-not-found' });
    });
  });

  describe('given an open account holding 100', () => {
    const given = spec.given([opened(), deposited(100, 100)]);
    it('records a withdrawal of 30 leaving 70', () => {
      given
        .when(withdraw(30))
        .then([{ type: 'MoneyWithdrawn', data: { amount: 30, balanceAfter: 70 } }]);
    });
    it('allows withdrawing the whole balance', () => {
      given
        .when(withdraw(100))
        .then([{ type: 'MoneyWithdrawn', data: { amount: 100, balanceAfter: 0 } }]);
    });
    it('rejects a withdrawal above the balance', () => {
      given
        .when(withdraw(130))
        .thenRejects({ code: 'insufficient-funds', balance: 100, requested: 130 });
    });
    it('records a deposit with the balance after it', () => {
      given.when(deposit(50)).then([deposited(50, 150)]);
    });
    it('rejects zero, negative and fractional amounts', () => {
      for (const amount of [0, -1, 0.5, Number.NaN, Infinity]) {
        given.when(deposit(amount)).thenRejects({ code: 'invalid-amount', amount });
      }
    });
    it('rejects an amount above 10^12 minor units', () => {
      given
        .when(deposit(1_000_000_000_001))
        .thenRejects({ code: 'invalid-amount', amount: 1_000_000_000_001 });
    });
    it('rejects a deposit in another currency', () => {
      given
        .when({
          type: 'DepositMoney',
          actor: userActor(owner),
          data: { amount: 5, currency: 'USD' },
        })
        .thenRejects({ code: 'currency-mismatch', expected: 'EUR', actual: 'USD' });
    });
    it('rejects closing while the balance is not zero', () => {
      given.when(close()).thenRejects({ code: 'balance-not-zero', balance: 100 });
    });
    it("answers another user's command as account-not-found", () => {
      given.when(deposit(5, 'user-2')).thenRejects({ code: 'account-not-found' });
    });
    it('rejects opening it again', () => {
      given.when(open()).thenRejects({ code: 'account-already-exists' });
    });
  });

  describe('given an account near the largest balance', () => {
    const nearMax = MAX_BALANCE - 10;
    const given = spec.given([opened(), deposited(nearMax, nearMax)]);
    it('rejects a deposit past the largest balance', () => {
      given
        .when(deposit(11))
        .thenRejects({ code: 'balance-limit-exceeded', balance: nearMax, requested: 11 });
    });
    it('accepts a deposit that reaches exactly the largest balance', () => {
      given.when(deposit(10)).then([deposited(10, MAX_BALANCE)]);
    });
  });

  describe('given a closed account', () => {
    const given = spec.given([opened(), { type: 'AccountClosed', data: { balance: 0 } }]);
    it('rejects deposits as account-closed', () => {
      given.when(deposit(5)).thenRejects({ code: 'account-closed' });
    });
    it('rejects closing again as account-closed', () => {
      given.when(close()).thenRejects({ code: 'account-closed' });
    });
  });

  describe('given an erased owner', () => {
    const given = spec.given([opened(), { type: 'PersonalDataErased', data: { erasureId: 'e1' } }]);
    it('rejects commands as personal-data-erased', () => {
      given.when(deposit(5)).thenRejects({ code: 'personal-data-erased' });
    });
    it('forgets the holder name and closes the account', () => {
      expect(given.state).toMatchObject({
        status: 'closed',
        holderName: null,
        personalDataErased: true,
      });
    });
    it('records erasure only once', () => {
      given
        .when({
          type: 'ErasePersonalData',
          actor: userActor(owner),
          data: { erasureId: 'e2', subjectId: owner },
        })
        .then([]);
    });
  });

  describe('evolve', () => {
    it('starts the balance at the initial deposit', () => {
      expect(evolve(initialState(), opened('EUR', 250))).toMatchObject({
        status: 'open',
        balance: 250,
      });
    });
    it('ignores events for an account that was never opened', () => {
      expect(evolve(initialState(), deposited(5, 5))).toEqual({ status: 'none' });
    });
  });
});
