import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.js';
import { loadSigningSecret, mintToken } from '../local/token.js';
import { BENCH_USER, DEPOSIT } from './contenders/contender.js';
import { rawClient } from './contenders/dynamodb.js';

/**
 * Child process of the projection-lag figure (the local runtime configures the handlers' environment
 * once per process, so it cannot share the benchmark's): deposits over HTTP, then polls the Ledger
 * read table until the row of the returned version is there. Prints `{"lags":[ms...]}` last.
 */
const POLL_MS = 2;
const TIMEOUT_MS = 10_000;

interface Written {
  readonly accountId: string;
  readonly version: number;
}

const post = async (url: string, token: string, body: unknown): Promise<Written> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as Written;
};

const waitForRow = async (runtime: LocalRuntime, written: Written): Promise<void> => {
  const client = rawClient(runtime.dynamoEndpoint);
  const deadline = performance.now() + TIMEOUT_MS;
  while (performance.now() < deadline) {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: runtime.tables.Ledger,
        Key: { accountId: { S: written.accountId }, version: { N: String(written.version) } },
        ConsistentRead: true,
      }),
    );
    if (Item) {
      return;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`no Ledger row for version ${written.version} after ${TIMEOUT_MS} ms`);
};

const probe = async (runtime: LocalRuntime, commands: number, warm: number): Promise<number[]> => {
  const token = await mintToken(await loadSigningSecret(runtime.dataDir), { sub: BENCH_USER });
  const opened = await post(`${runtime.url}/accounts`, token, {
    holderName: 'Bench Holder',
    currency: 'EUR',
  });
  const deposits = `${runtime.url}/accounts/${opened.accountId}/deposits`;
  const lags: number[] = [];
  for (let i = 0; i < warm + commands; i += 1) {
    const written = await post(deposits, token, { amount: DEPOSIT });
    const answered = performance.now();
    await waitForRow(runtime, written);
    if (i >= warm) {
      lags.push(performance.now() - answered);
    }
  }
  return lags;
};

const main = async (): Promise<void> => {
  const commands = Number(process.argv[2] ?? '20');
  const warm = Number(process.argv[3] ?? '20');
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-bench-lag-'));
  const runtime = await startLocalRuntime({ inMemory: true, dataDir });
  try {
    const lags = await probe(runtime, commands, warm);
    process.stdout.write(`${JSON.stringify({ lags })}\n`);
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

await main();
