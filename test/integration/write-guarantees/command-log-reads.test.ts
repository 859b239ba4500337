import { beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../../lambdas/domain/account/index.js';
import { DynamoDbCommandLog } from '../../../lambdas/event-store/dynamodb-command-log.js';
import { accountCommandResponse } from '../../../lambdas/http/account-views.js';
import { runCommand } from '../../../lambdas/http/command-endpoint.js';
import { createTestApp, httpEvent, send, type TestApp } from '../../support/app.js';
import { commandEntry } from '../../support/command-entries.js';
import { command, commandsOver, HookedStore, openAccount, typesOf } from './support.js';

let app: TestApp;
/** GetItem calls on the Commands table since the last reset. */
let commandReads = 0;

beforeAll(async () => {
  app = await createTestApp();
  const commandsTable = app.deps.config.tables.Commands;
  app.deps.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      if (context.commandName?.startsWith('Get') && input.TableName === commandsTable) {
        commandReads += 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countCommandReads' },
  );
});

describe('the command log under a race on one Idempotency-Key', () => {
  it('answers the record that won from the cancelled write itself, with no read after it', async () => {
    const id = await openAccount(app.deps, 'log-race');
    const request = command(id, 'deposits', { sub: 'log-race', amount: 40, key: 'lr-1' });
    const store = new HookedStore(app.deps.store);
    // Between this request's look-up and its write, an identical request (another Lambda) wins.
    store.before = async () => {
      store.before = undefined;
      const winner = await send(app.deps, request);
      expect(winner.headers['idempotent-replayed']).toBeUndefined();
      commandReads = 0;
    };

    const loser = await send(commandsOver(app.deps, store), request);

    expect(loser.status).toBe(200);
    expect(loser.headers['idempotent-replayed']).toBe('true');
    expect(loser.body).toMatchObject({ accountId: id, version: 3, balance: 10_040 });
    expect(commandReads).toBe(0);
    expect(await typesOf(app.deps, id)).toEqual([
      'AccountOpened',
      'MoneyDeposited',
      'MoneyDeposited',
    ]);
  });

  it('replays a recorded refusal after one look-up and no other read', async () => {
    const id = await openAccount(app.deps, 'log-race-no', 100);
    const request = command(id, 'withdrawals', { sub: 'log-race-no', amount: 500, key: 'lr-2' });
    const winner = await send(app.deps, request);
    commandReads = 0;

    const retry = await send(app.deps, request);

    expect(winner.status).toBe(409);
    expect(retry.body).toEqual(winner.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // The look-up before running finds it under its id.
    expect(commandReads).toBe(1);
  });
});

describe('the DynamoDB command log', () => {
  it('answers the entry that holds an id from the refused put itself (ALL_OLD), no read', async () => {
    const log = new DynamoDbCommandLog(app.deps.client, app.deps.config.tables.Commands);
    const first = commandEntry({
      commandId: 'transfer:log-put:credit',
      fingerprint: 'log-put',
      outcome: { kind: 'accepted', accountId: 'a', version: 2, view: { balance: 5 } },
    });
    expect(await log.record(first)).toBeUndefined();
    commandReads = 0;

    const second = await log.record({
      ...first,
      outcome: { kind: 'refused', accountId: 'a', error: { code: 'account-closed' } },
    });

    expect(second).toEqual({ alreadyRecorded: first });
    expect(commandReads).toBe(0);
  });
});

describe('rendering an accepted command', () => {
  it('renders its response once, when it answers', async () => {
    const id = await openAccount(app.deps, 'render-once');
    const actor = userActor('render-once');
    const { event } = httpEvent(
      command(id, 'deposits', { sub: 'render-once', amount: 5, key: 'ro-1' }),
    );
    let renders = 0;

    const response = await runCommand(app.deps.commands, event, {
      actor,
      accountId: id,
      command: { type: 'DepositMoney', actor, data: { amount: 5 } },
      accepted: (outcome) => {
        renders += 1;
        return accountCommandResponse(outcome);
      },
    });

    expect(response.statusCode).toBe(200);
    expect(renders).toBe(1);
  });
});
