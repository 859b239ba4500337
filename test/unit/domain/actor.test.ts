import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  decide,
  evolve,
  initialState,
  userActor,
  type AccountCommand,
  type AccountEvent,
  type SystemActor,
} from '../../../lambdas/domain/account/index.js';
import { systemActor } from '../../../lambdas/domain/system-actor.js';

// Issue 11 item 1: authority is a type. Before the fix the string `system:ledger` acted on every
// account; now no user subject does, and the system acts only through its own step commands.
const owner = 'owner-1';
const stateOf = (events: readonly AccountEvent[]) => events.reduce(evolve, initialState());
const holding = stateOf([
  { type: 'AccountOpened', data: { ownerId: owner, holderName: 'Ada', currency: 'EUR' } },
  { type: 'MoneyDeposited', data: { amount: 1_000, currency: 'EUR', balanceAfter: 1_000 } },
]);
const empty = stateOf([
  { type: 'AccountOpened', data: { ownerId: owner, holderName: 'Ada', currency: 'EUR' } },
]);

const userCommands = (subject: string): AccountCommand[] => [
  { type: 'DepositMoney', actor: userActor(subject), data: { amount: 1 } },
  { type: 'WithdrawMoney', actor: userActor(subject), data: { amount: 1 } },
  {
    type: 'SendTransfer',
    actor: userActor(subject),
    data: { transferId: 't', fromAccountId: 'a', toAccountId: 'b', amount: 1 },
  },
  {
    type: 'ErasePersonalData',
    actor: userActor(subject),
    data: { erasureId: 'e', subjectId: subject },
  },
];

describe('who may act on an account', () => {
  it('refuses every subject but the owner as account-not-found, system-like names included', () => {
    const subjects = fc.oneof(
      fc.constantFrom('system:ledger', 'system', 'system:transfer-process', 'system:erasure', ''),
      fc.string(),
    );
    fc.assert(
      fc.property(
        subjects.filter((s) => s !== owner),
        (subject) => {
          const decisions = [
            ...userCommands(subject).map((command) => decide(command, holding)),
            decide({ type: 'CloseAccount', actor: userActor(subject), data: {} }, empty),
          ];
          expect(decisions).toEqual(
            decisions.map(() => ({ ok: false, error: { code: 'account-not-found' } })),
          );
        },
      ),
    );
  });

  it('lets the owner act', () => {
    const decisions = userCommands(owner).map((command) => decide(command, holding));

    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, true]);
  });

  it('lets the erasure flow erase only the named subject, and nothing else', () => {
    const erasure = systemActor('erasure');

    const named = decide(
      { type: 'ErasePersonalData', actor: erasure, data: { erasureId: 'e', subjectId: owner } },
      holding,
    );
    const other = decide(
      { type: 'ErasePersonalData', actor: erasure, data: { erasureId: 'e', subjectId: 'x' } },
      holding,
    );
    const credit = decide(
      {
        type: 'ReceiveTransfer',
        actor: erasure,
        data: { transferId: 't', fromAccountId: 'a', amount: 1, currency: 'EUR' },
      },
      holding,
    );

    expect(named.ok).toBe(true);
    expect([other, credit]).toEqual([
      { ok: false, error: { code: 'account-not-found' } },
      { ok: false, error: { code: 'account-not-found' } },
    ]);
  });

  it('lets the transfer process credit and reverse, but not erase', () => {
    const process = systemActor('transfer-process');

    const credit = decide(
      {
        type: 'ReceiveTransfer',
        actor: process,
        data: { transferId: 't', fromAccountId: 'a', amount: 1, currency: 'EUR' },
      },
      holding,
    );
    const erase = decide(
      { type: 'ErasePersonalData', actor: process, data: { erasureId: 'e', subjectId: owner } },
      holding,
    );

    expect(credit.ok).toBe(true);
    expect(erase).toEqual({ ok: false, error: { code: 'account-not-found' } });
  });

  it('cannot be forged from an object literal or a user', () => {
    expectTypeOf({
      kind: 'system',
      process: 'transfer-process',
    } as const).not.toExtend<SystemActor>();
    expectTypeOf(userActor('system:ledger')).not.toExtend<SystemActor>();
    expectTypeOf<Extract<AccountCommand, { type: 'WithdrawMoney' }>['actor']>().toEqualTypeOf<
      ReturnType<typeof userActor>
    >();
    expectTypeOf<
      Extract<AccountCommand, { type: 'ReceiveTransfer' }>['actor']
    >().toEqualTypeOf<SystemActor>();
  });
});
