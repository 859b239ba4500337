import { beforeAll, describe, expect, it } from 'vitest';
import { AccountHistory } from '../../../lambdas/application/account-history.js';
import { CountingSnapshotStore, CountingStore } from '../../support/counting-store.js';
import { EVENTS, seedLongAccount, timeOf, type LongAccount } from './long-account.js';

const EVERY = 100;
let account: LongAccount;

beforeAll(async () => {
  account = await seedLongAccount({ SNAPSHOT_EVERY: String(EVERY) }, { snapshotEvery: EVERY });
}, 400_000);

/** A history over counting wrappers of the app's event and snapshot stores. */
const counted = () => {
  const store = new CountingStore(account.app.deps.store);
  const snapshots = new CountingSnapshotStore(account.app.deps.snapshots);
  return {
    store,
    snapshots,
    history: new AccountHistory(store, account.app.deps.personalData, snapshots),
  };
};

// At, just before and just after snapshot versions, between them, and at both ends of the history.
const versions = [1, 2, 99, 100, 101, 150, 199, 200, 5000, 5001, 5099, 9900, 9999, EVENTS];

describe('time travel on a 10,000-event account with a snapshot every 100 versions', () => {
  it.each(versions)('reads one snapshot and at most 100 events for version %i', async (version) => {
    const { store, snapshots, history } = counted();

    const view = await history.state(account.accountId, account.owner, { version });

    expect(view).toMatchObject({
      version,
      state: { balance: version - 1, holderName: 'Long History' },
    });
    expect(snapshots.reads).toBeLessThanOrEqual(1);
    expect(store.eventsRead, 'the opening and the events after the snapshot').toBeLessThanOrEqual(
      EVERY,
    );
  });

  it.each(versions)(
    'reads one snapshot and at most 101 events for a time after version %i',
    async (version) => {
      const { store, snapshots, history } = counted();
      const at = new Date(timeOf(version) + 500).toISOString();

      const view = await history.state(account.accountId, account.owner, { at });

      expect(view).toMatchObject({ version, state: { balance: version - 1 } });
      expect(snapshots.reads).toBeLessThanOrEqual(1);
      expect(store.eventsRead, 'the opening and the events after the snapshot').toBeLessThanOrEqual(
        EVERY + 1,
      );
    },
  );
});
