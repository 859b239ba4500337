import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toDomainEvent } from '../../../lambdas/application/event-codec.js';
import { evolve, initialState, type Account } from '../../../lambdas/domain/account/index.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, send, type TestApp } from '../../support/app.js';

// Small, so that a short history crosses many snapshots: every version is at, just before or just
// after one of them.
const EVERY = 3;
let app: TestApp;
// The clock the test moves between commands; steps of 0 ms give events that share a time.
let now = Date.UTC(2026, 2, 1);
const clock = { now: () => new Date(now) };

type Step =
  | { readonly kind: 'deposit' | 'withdraw'; readonly amount: number }
  | { readonly kind: 'wait'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('deposit' as const, 'withdraw' as const),
    amount: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(0, 1, 2, 7, 1000) }),
);

beforeAll(async () => {
  app = await createTestApp({ SNAPSHOT_EVERY: String(EVERY) }, { clock });
});

const open = async (owner: string): Promise<string> => {
  const opened = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub: owner,
    body: { holderName: 'Time Traveller', currency: 'EUR', initialDeposit: 1000 },
  });
  expect(opened.status).toBe(201);
  return String(opened.body['accountId']);
};

const run = async (accountId: string, owner: string, steps: readonly Step[]) => {
  for (const s of steps) {
    if (s.kind === 'wait') {
      now += s.ms;
      continue;
    }
    const path = `/accounts/${accountId}/${s.kind === 'deposit' ? 'deposits' : 'withdrawals'}`;
    const body = { amount: s.amount };
    const response = await send(app.deps, { method: 'POST', path, sub: owner, body });
    // A withdrawal above the balance is refused and records nothing; nothing else may fail.
    expect([200, 409]).toContain(response.status);
    now += 1;
  }
};

/** The reference: every event folded from the first, without snapshots, one state per version. */
const referenceFold = (events: readonly RecordedEvent[]): Account[] => {
  const states: Account[] = [initialState()];
  for (const event of events) {
    states.push(evolve(states.at(-1) ?? initialState(), toDomainEvent(event)));
  }
  return states;
};

const stateAt = (accountId: string, owner: string, query: Record<string, string>) =>
  send(app.deps, { method: 'GET', path: `/accounts/${accountId}/state`, sub: owner, query });

const expectState = (
  response: { status: number; body: Record<string, unknown> },
  version: number,
  state: Account,
) => {
  expect(response.status).toBe(200);
  expect(response.body['version']).toBe(version);
  const expected =
    state.status === 'none' ? state : { status: state.status, balance: state.balance };
  expect(response.body['state']).toMatchObject(expected);
};

/** The last version whose event occurred at or before `at` (0 when none did). */
const versionAt = (events: readonly RecordedEvent[], at: number): number =>
  events.filter((event) => Date.parse(event.occurredAt) <= at).at(-1)?.version ?? 0;

describe('time travel over snapshots', () => {
  it('matches a fold from the first event at every version and between all events', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        runs += 1;
        const owner = `traveller-${runs}`;
        now += 60_000;
        const accountId = await open(owner);
        now += 1;
        await run(accountId, owner, steps);
        const events = await app.deps.store.load(accountId);
        const states = referenceFold(events);

        for (const event of events) {
          const { version } = event;
          expectState(
            await stateAt(accountId, owner, { version: String(version) }),
            version,
            states[version] ?? initialState(),
          );
          for (const offset of [-1, 0, 1]) {
            const at = Date.parse(event.occurredAt) + offset;
            const expected = versionAt(events, at);
            const response = await stateAt(accountId, owner, { at: new Date(at).toISOString() });
            if (expected === 0) {
              expect(response.status).toBe(404);
            } else {
              expectState(response, expected, states[expected] ?? initialState());
            }
          }
        }
        const beyond = await stateAt(accountId, owner, { version: String(events.length + 1) });
        expect(beyond.status).toBe(404);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
