import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../lambdas/dynamodb-client.js';
import { allTableSpecs, tableSpecs } from '../lib/table-specs.js';
import { tableNames, type TableNames } from '../local/bootstrap-tables.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../local/dynamodb-local.js';
import { CastoreContender, createCastoreTable } from './contenders/castore.js';
import type { Contender } from './contenders/contender.js';
import { createStreamlessTable, rawClient } from './contenders/dynamodb.js';
import { FloorContender } from './contenders/floor.js';
import {
  depositWithoutCache,
  handlerEnv,
  loadDepositHandler,
} from './contenders/ledger-handler.js';
import { LedgerContender } from './contenders/ledger.js';

const PREFIX = 'bench-';

const createLedgerTables = async (client: DynamoDBClient): Promise<TableNames> => {
  const names = tableNames(PREFIX);
  for (const spec of allTableSpecs) {
    await createStreamlessTable(client, spec, names[spec.id]);
  }
  return names;
};

/** Everything a run measures against: its own DynamoDB Local, tables and contenders. */
export interface BenchSetup {
  readonly dynamo: DynamoDbLocal;
  readonly raw: DynamoDBClient;
  readonly contenders: readonly Contender[];
  readonly ledger: LedgerContender;
  /** The environment the Ledger Lambdas read, for the handler and the bundle imports. */
  readonly env: Readonly<Record<string, string>>;
  /** Why a contender lacks a figure in this run, by contender name. */
  readonly commandNotes: Readonly<Record<string, string>>;
  /** Castore storing the payload alone, as its users do: append, size and capacity figures. */
  readonly natural: Contender;
  /** Ledger's handler without its state cache: for the full-command figure only. */
  readonly ledgerWithoutCache: Contender;
  close(): Promise<void>;
}

/** Starts an in-memory DynamoDB Local on a free 127.0.0.1 port and builds the contenders. */
export const setUp = async (): Promise<BenchSetup> => {
  const scratch = await mkdtemp(join(tmpdir(), 'ledger-bench-'));
  const dynamo = await startDynamoDbLocal();
  const raw = rawClient(dynamo.endpoint);
  const tables = await createLedgerTables(raw);
  const floorTable = `${PREFIX}floor-Events`;
  await createStreamlessTable(raw, tableSpecs.Events, floorTable);
  const castoreTable = `${PREFIX}castore-events`;
  await createCastoreTable(raw, castoreTable);
  const naturalTable = `${PREFIX}castore-natural-events`;
  await createCastoreTable(raw, naturalTable);
  const env = handlerEnv({
    endpoint: dynamo.endpoint,
    tablePrefix: PREFIX,
    masterKeyFile: join(scratch, 'master.key'),
  });
  const deposit = await loadDepositHandler(env);
  const ledger = new LedgerContender({
    client: createDocumentClient({ endpoint: dynamo.endpoint }),
    raw,
    tables,
    ...(typeof deposit === 'function' ? { command: deposit } : {}),
  });
  const uncached = await depositWithoutCache(env);
  const ledgerWithoutCache: Contender = {
    name: 'ledger-nocache',
    append: (accountId, version) => ledger.append(accountId, version),
    itemOf: (accountId, version) => ledger.itemOf(accountId, version),
    load: (accountId) => ledger.load(accountId),
    seed: (accountId, count) => ledger.seed(accountId, count),
    command: uncached,
  };
  const contenders = [
    new FloorContender(rawClient(dynamo.endpoint), floorTable),
    ledger,
    new CastoreContender(rawClient(dynamo.endpoint), castoreTable),
  ];
  return {
    dynamo,
    raw,
    contenders,
    natural: new CastoreContender(rawClient(dynamo.endpoint), naturalTable, true),
    ledger,
    ledgerWithoutCache,
    env,
    commandNotes: {
      'ledger-nocache':
        'the same handler with STATE_CACHE_SIZE=0: every command loads the account (what the cache saves)',
      ledger:
        typeof deposit === 'function'
          ? 'through the deposit-money Lambda handler; its per-container state cache makes a warm command one conditional put'
          : deposit.missing,
    },
    close: async () => {
      await dynamo.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
};
