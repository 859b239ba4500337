import { beforeAll, describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { rebuildProjectionHandler } from '../../../lambdas/handlers/rebuild-projection.js';
import {
  NoPublishDestinationError,
  type EventPublisher,
  type IntegrationEvent,
  type PublishDeps,
} from '../../../lambdas/integration/index.js';
import { AccountCurrencies } from '../../../lambdas/integration/account-currencies.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';
import { dependenciesFor, emptyReadTables, readRows, seedAccounts } from './support.js';

/** Records every event it takes; `refuse(n)` makes its next n publish calls take none. */
const destination = (app: TestApp) => {
  const taken: IntegrationEvent[] = [];
  let refusals = 0;
  const publisher: EventPublisher = {
    publish: (events) => {
      if (refusals > 0) {
        refusals -= 1;
        return Promise.resolve(0);
      }
      taken.push(...events);
      return Promise.resolve(undefined);
    },
  };
  const publishing: PublishDeps = { publisher, currencies: new AccountCurrencies(app.deps.store) };
  return {
    taken,
    publishing,
    refuse: (times: number) => {
      refusals = times;
    },
  };
};

const byAccount = (events: readonly { accountId: string; version: number }[]) => {
  const runs = new Map<string, number[]>();
  for (const { accountId, version } of events) {
    runs.set(accountId, [...(runs.get(accountId) ?? []), version]);
  }
  return runs;
};

let app: TestApp;
let events: RecordedEvent[];
beforeAll(async () => {
  app = await createTestApp();
  await seedAccounts(app, 6);
  await projectAll(app.deps);
  events = await allEvents(app.deps);
}, 60_000);

describe('a rebuild asked to republish', () => {
  it('publishes nothing when not asked, whatever destination is configured', async () => {
    const target = await emptyReadTables(app);
    const bus = destination(app);

    const result = await rebuildProjectionHandler(
      dependenciesFor(app, target),
      bus.publishing,
    )({ projection: 'Ledger' });

    expect(result).toEqual({ projection: 'Ledger', events: events.length, accounts: 6 });
    expect(bus.taken).toEqual([]);
  });

  it('publishes every event once, marked as a replay, in version order per account', async () => {
    const target = await emptyReadTables(app);
    const bus = destination(app);

    const result = await rebuildProjectionHandler(
      dependenciesFor(app, target),
      bus.publishing,
    )({ republish: true, totalSegments: 3 });

    expect(result).toEqual({ events: events.length, accounts: 6, republished: events.length });
    expect(bus.taken.map((event) => event.id).sort()).toEqual(
      events.map((event) => event.eventId).sort(),
    );
    expect(bus.taken.every((event) => event.replay === true)).toBe(true);
    expect(
      byAccount(
        bus.taken.map(({ accountId, accountVersion }) => ({ accountId, version: accountVersion })),
      ),
    ).toEqual(
      byAccount(
        [...events]
          .sort((a, b) => a.version - b.version)
          .map(({ streamId, version }) => ({ accountId: streamId, version })),
      ),
    );
    // Republishing alone leaves the read tables as they were: empty here.
    expect(await target.rows()).toEqual({ summaries: [], ledger: [] });
    expect(JSON.stringify(bus.taken)).not.toMatch(/Holder \d/);
  });

  it('rebuilds the projection and republishes in one pass', async () => {
    const target = await emptyReadTables(app);
    const bus = destination(app);

    const result = await rebuildProjectionHandler(
      dependenciesFor(app, target),
      bus.publishing,
    )({ projection: 'AccountSummaries', republish: true });

    expect(result).toEqual({
      projection: 'AccountSummaries',
      events: events.length,
      accounts: 6,
      republished: events.length,
    });
    expect(new Set(bus.taken.map((event) => event.id)).size).toBe(events.length);
    expect((await target.rows()).summaries).toEqual(
      (await readRows(app.deps.client, app.tables.names)).summaries,
    );
  });

  it('offers a run the destination refused again, so every event is delivered at least once', async () => {
    const target = await emptyReadTables(app);
    const bus = destination(app);
    bus.refuse(2);

    const result = await rebuildProjectionHandler(
      dependenciesFor(app, target),
      bus.publishing,
    )({ republish: true, totalSegments: 1 });

    expect(result.republished).toBe(events.length);
    expect(new Set(bus.taken.map((event) => event.id))).toEqual(
      new Set(events.map((event) => event.eventId)),
    );
  });

  it('fails before reading anything when no destination is configured', async () => {
    const target = await emptyReadTables(app);
    const handler = rebuildProjectionHandler(dependenciesFor(app, target), undefined);

    await expect(handler({ projection: 'Ledger', republish: true })).rejects.toThrow(
      NoPublishDestinationError,
    );
    expect(await target.rows()).toEqual({ summaries: [], ledger: [] });
  });

  it.each([{}, { republish: false }, { republish: 'yes' }])(
    'rejects %j, which names neither a projection nor a republish',
    async (input) => {
      const handler = rebuildProjectionHandler(app.deps, destination(app).publishing);

      await expect(handler(input as { republish: boolean })).rejects.toThrow($ZodError);
    },
  );
});
