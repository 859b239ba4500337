import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Change, Open, type Target } from './account-commands.js';
import { Burst, Retry, type BurstOp } from './burst-commands.js';
import { checkInvariants } from './invariants.js';
import { newModel, type IfMatch } from './model.js';
import { Erase, Read, TimeTravel, Transfer } from './process-commands.js';
import { startStack, type Stack } from './stack.js';

// Five users: alice, bob, the hostile `system:ledger`, and `col` / `col#x`, who collide under a
// naive `sub#key` with the keys `x#k` and `k` of the key pool.
const user = fc.nat({ max: 4 });
const actor = fc.oneof(
  { weight: 3, arbitrary: fc.constant('owner' as const) },
  { weight: 2, arbitrary: user },
);
const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 9, arbitrary: fc.nat({ max: 40 }) },
  { weight: 1, arbitrary: fc.constant('missing' as const) },
);
const amount = fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 20_000 }));
const ifMatch = fc.constantFrom<IfMatch>('none', 'none', 'none', 'current', 'stale');
const key = fc.option(fc.nat({ max: 11 }), { nil: undefined });
const currency = fc.constantFrom('EUR' as const, 'USD' as const);

const change = (kind: 'deposit' | 'withdraw' | 'close') =>
  fc
    .tuple(actor, target, amount, ifMatch, key)
    .map(
      ([u, t, a, m, k]) => new Change(kind, { user: u, target: t, amount: a, ifMatch: m, key: k }),
    );
const transfer = fc
  .tuple(actor, target, target, amount, ifMatch, key)
  .map(
    ([u, f, t, a, m, k]) => new Transfer({ user: u, target: f, amount: a, ifMatch: m, key: k }, t),
  );
const burstOp: fc.Arbitrary<BurstOp> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('deposit' as const, 'withdraw' as const),
    amount,
    pinned: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('transfer' as const), amount, pinned: fc.boolean(), to: target }),
);
const read = fc.constantFrom(
  'summary' as const,
  'events' as const,
  'state' as const,
  'transactions' as const,
  'transfer' as const,
);

const commands = fc.commands(
  [
    fc
      .tuple(user, currency, fc.oneof(fc.constant(0), fc.nat({ max: 20_000 })), key)
      .map(([u, c, d, k]) => new Open(u, c, d, k)),
    change('deposit'),
    change('withdraw'),
    change('withdraw'),
    change('close'),
    transfer,
    transfer,
    fc
      .tuple(user, fc.constantFrom<1 | 2>(1, 2), fc.boolean())
      .map(([u, n, o]) => new Erase(u, n, o)),
    fc.tuple(user, target, read).map(([u, t, w]) => new Read(u, t, w)),
    fc.tuple(fc.nat({ max: 40 }), fc.nat()).map(([t, p]) => new TimeTravel(t, p)),
    fc.tuple(fc.nat(), fc.boolean()).map(([p, a]) => new Retry(p, a)),
    fc
      .tuple(fc.nat({ max: 40 }), fc.array(burstOp, { minLength: 2, maxLength: 5 }))
      .map(([t, ops]) => new Burst(t, ops)),
  ],
  { maxCommands: 40, size: 'max' },
);

// A run is reproduced (same commands; interleavings of the bursts may differ) with
// LEDGER_MODEL_SEED=<the printed seed> npx vitest run test/e2e/model/model-based.test.ts
const seed = Number(process.env['LEDGER_MODEL_SEED'] ?? Date.now() % 2_147_483_647);

describe('the real local stack against a reference model (hostile users, races, retries)', () => {
  let stack: Stack;
  let run = 0;

  beforeAll(async () => {
    // Snapshots every 2 events, so time travel meets snapshot versions in short runs.
    stack = await startStack(2);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('conserves money, records every 2xx once, refuses without writing, converges, leaks nothing', async () => {
    console.info(`model-based suite: seed ${seed} (LEDGER_MODEL_SEED=${seed} replays it)`);
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        run += 1;
        const model = newModel(`r${run}-${seed}-`);
        const errorsBefore = stack.serverErrors.length;
        await fc.asyncModelRun(() => ({ model, real: stack }), cmds);
        await checkInvariants(model, stack, errorsBefore);
      }),
      // No shrinking: every replay costs real requests; the failing command list and the violated
      // property are printed in full instead.
      { seed, numRuns: 8, endOnFailure: true },
    );
  }, 120_000);
});
