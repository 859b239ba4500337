import { beforeAll, describe, expect, it } from 'vitest';
import { heldBy } from '../../../lambdas/application/erasure-money.js';
import { loadAccount } from '../../../lambdas/application/account-loader.js';
import { pendingTransferOf, stepCommandId } from '../../../lambdas/transfers/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { putRenderedEntry } from '../../support/command-entries.js';
import { balanceOf, eventsOf, openAccount, startTransfer, transferEvents } from './support.js';
import { SimulatedStream } from './transfer-world.js';

// Step records live 366 days (ADR 0061): the ones written as a rendered 200/409 response before the
// command log (ADR 0131) are read as they were until they expire.
let app: TestApp;
let stream: SimulatedStream;
const watched: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  stream = new SimulatedStream(app.deps, () => watched);
});

const pendingTransfer = async (sub: string) => {
  const from = await openAccount(app.deps, sub);
  const to = await openAccount(app.deps, `${sub}-target`);
  watched.push(from, to);
  const started = await startTransfer(app.deps, sub, {
    fromAccountId: from,
    toAccountId: to,
    amount: 1_000,
  });
  const id = String(started.body['transferId']);
  const sent = (await eventsOf(app.deps, from)).find((event) => event.type === 'TransferSent');
  return { from, to, id, sent: sent! };
};

/** A credit record as the process wrote it before the command log: a faked response. */
const writeOldCredit = (transferId: string, status: 200 | 409, body: string) =>
  putRenderedEntry(
    app.deps,
    {
      commandId: stepCommandId(transferId, 'credit'),
      fingerprint: transferId,
      status,
      body,
      headers: {},
    },
    366 * 24 * 3600,
  );

describe('transfer step records in the shape before the command log', () => {
  it('follows an old refused credit: reverses, and never credits', async () => {
    const { from, to, id, sent } = await pendingTransfer('old-refused');
    await writeOldCredit(id, 409, '{"outcome":"refused","reason":"balance-limit-exceeded"}');

    const outcome = await app.deps.transfers.process.settle(pendingTransferOf(sent));
    await stream.drain(app.deps.consumers);

    expect(outcome).toEqual({ outcome: 'refused', reason: 'balance-limit-exceeded' });
    expect(transferEvents(await eventsOf(app.deps, to))).toEqual([]);
    expect(transferEvents(await eventsOf(app.deps, from))).toEqual([
      ['TransferSent', id],
      ['TransferReversed', id],
    ]);
    expect(await balanceOf(app.deps, from)).toBe(10_000);
  });

  it('follows an old accepted credit: nothing more to do, and erasure need not wait for it', async () => {
    const { from, to, id, sent } = await pendingTransfer('old-accepted');
    await writeOldCredit(id, 200, '{"outcome":"accepted"}');

    const outcome = await app.deps.transfers.process.settle(pendingTransferOf(sent));
    const source = await loadAccount(app.deps.store, from);

    expect(outcome).toEqual({ outcome: 'accepted' });
    expect(transferEvents(await eventsOf(app.deps, to))).toEqual([]);
    expect(transferEvents(await eventsOf(app.deps, from))).toEqual([['TransferSent', id]]);
    expect(await heldBy(app.deps.commandLog, from, source.state)).toEqual({
      accountId: from,
      balance: 9_000,
      pendingTransfers: [],
    });
  });
});
