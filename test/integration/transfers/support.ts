import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountService } from '../../../lambdas/application/account-service.js';
import { loadAccount } from '../../../lambdas/application/account-loader.js';
import { systemClock } from '../../../lambdas/application/ports.js';
import { StateCache } from '../../../lambdas/application/state-cache.js';
import { protectEventData } from '../../../lambdas/crypto/index.js';
import { uuidGenerator, type Dependencies } from '../../../lambdas/dependencies.js';
import { DynamoDbCommandLog } from '../../../lambdas/event-store/dynamodb-command-log.js';
import { DynamoDbEventStore } from '../../../lambdas/event-store/dynamodb-event-store.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import type { StreamConsumer } from '../../../lambdas/event-store/event-stream.js';
import { projectionConsumer } from '../../../lambdas/projections/projection.js';
import { projectionByName } from '../../../lambdas/projections/rebuild-registry.js';
import { createTransfers, type Transfers } from '../../../lambdas/transfers/index.js';
import { openAccount as openTestAccount, send, type TestResponse } from '../../support/app.js';

/** The write side and the transfer components, built over a given (possibly faulty) client. */
export interface TransferStack {
  readonly deps: Dependencies;
  readonly store: DynamoDbEventStore;
  readonly service: AccountService;
  readonly transfers: Transfers;
  /** The Transfers read-model projector over the same client, as the stream consumer runs it. */
  readonly projector: StreamConsumer;
  /** The projector and the process manager, in the stream consumer's order. */
  readonly consumers: readonly StreamConsumer[];
}

/** The live Transfers projector of a dependency graph (built from the projection registry). */
export const transfersProjector = (
  deps: Pick<Dependencies, 'client' | 'store' | 'config'>,
): StreamConsumer => projectionConsumer(projectionByName('Transfers', deps));

/** Rebuilds the command path and the transfer components of `base` over another client. */
export const transferStack = (
  base: Dependencies,
  client: DynamoDBDocumentClient,
): TransferStack => {
  const { tables } = base.config;
  const store = new DynamoDbEventStore({
    client,
    eventsTable: tables.Events,
    commandsTable: tables.Commands,
    ownersTable: tables.Owners,
  });
  const commandLog = new DynamoDbCommandLog(client, tables.Commands);
  const service = new AccountService({
    store,
    commandLog,
    clock: systemClock,
    ids: uuidGenerator,
    protection: {
      protect: (subjectId, binding, data) =>
        protectEventData(base.personalData, subjectId, binding, data),
    },
    cache: new StateCache(100),
    retry: { budgetMs: 3_000, baseDelayMs: 5, maxDelayMs: 50 },
  });
  const transfers = createTransfers({
    config: base.config,
    client,
    service,
    store,
    commandLog,
    personalData: base.personalData,
    clock: systemClock,
  });
  const deps: Dependencies = {
    ...base,
    client,
    store,
    commandLog,
    service,
    commands: { ...base.commands, service, commandLog },
    transfers,
  };
  const projector = transfersProjector({ client, store, config: base.config });
  return {
    deps,
    store,
    service,
    transfers,
    projector,
    consumers: [projector, ...transfers.consumers],
  };
};

/** Opens an account over HTTP (10,000 minor units in it unless told) and returns its id. */
export const openAccount = (
  deps: Dependencies,
  sub: string,
  options: { currency?: string; initialDeposit?: number } = {},
): Promise<string> =>
  openTestAccount(deps, sub, { ...options, initialDeposit: options.initialDeposit ?? 10_000 });

export interface TransferRequest {
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: number;
  readonly reference?: string;
}

/** POST /transfers as `sub`. */
export const startTransfer = (
  deps: Dependencies,
  sub: string,
  body: TransferRequest | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<TestResponse> => send(deps, { method: 'POST', path: '/transfers', sub, body, headers });

/** GET /transfers/{id} as `sub`. */
export const getTransfer = (deps: Dependencies, sub: string, id: string): Promise<TestResponse> =>
  send(deps, { method: 'GET', path: `/transfers/${id}`, sub });

/** The balance the event store holds (the truth, strongly consistent). */
export const balanceOf = async (deps: Dependencies, accountId: string): Promise<number> => {
  const { state } = await loadAccount(deps.store, accountId);
  return state.status === 'none' ? 0 : state.balance;
};

export const eventsOf = (deps: Dependencies, accountId: string): Promise<RecordedEvent[]> =>
  deps.store.load(accountId);

/** Transfer-related events of an account history, as [type, transferId] pairs. */
export const transferEvents = (events: readonly RecordedEvent[]): [string, unknown][] =>
  events
    .filter((event) => event.type.startsWith('Transfer'))
    .map((event) => [event.type, event.data['transferId']]);

export const unknownAccountId = (): string => randomUUID();
