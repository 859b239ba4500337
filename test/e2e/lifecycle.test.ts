import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { loadSigningSecret, mintToken } from '../../local/token.js';
import { dynamoDbLocalPids, spawnLocal, type LocalProcess } from './support/local-process.js';

const ports = async () => ({ port: await freePort(), dynamoPort: await freePort() });

// Each test starts one or two processes, each with its own JVM: give them time on a busy machine.
describe('npm start', { timeout: 180_000 }, () => {
  let dataDir: string;
  let token: string;
  const running: { local: LocalProcess; dynamoPort: number }[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-lifecycle-'));
    token = await mintToken(await loadSigningSecret(dataDir), { sub: 'restart-user' });
  });

  afterAll(async () => {
    // A clean stop, so the JVM goes too; a SIGKILL of the runtime would orphan its DynamoDB Local.
    await Promise.all(running.map(({ local }) => local.stop('SIGTERM')));
    for (const { dynamoPort } of running) {
      for (const pid of dynamoDbLocalPids(dynamoPort)) {
        process.kill(pid, 'SIGKILL');
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (args: string[] = []) => {
    const chosen = await ports();
    const local = await spawnLocal({ ...chosen, dataDir, args });
    running.push({ local, dynamoPort: chosen.dynamoPort });
    return local;
  };
  const stop = async (local: LocalProcess, signal: NodeJS.Signals = 'SIGTERM') => {
    running.splice(
      running.findIndex((entry) => entry.local === local),
      1,
    );
    return local.stop(signal);
  };
  const call = (local: LocalProcess, method: string, path: string, body?: unknown) =>
    fetch(`${local.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const openAccount = async (local: LocalProcess): Promise<string> => {
    const response = await call(local, 'POST', '/accounts', {
      holderName: 'Ada Lovelace',
      currency: 'EUR',
      initialDeposit: 10000,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { accountId: string }).accountId;
  };

  it('keeps accounts in the data dir across a restart after Ctrl-C (SIGINT)', async () => {
    const first = await start();
    const accountId = await openAccount(first);
    expect(await stop(first, 'SIGINT')).toBe(0);

    const second = await start();
    const history = await call(second, 'GET', `/accounts/${accountId}/events`);
    const deposit = await call(second, 'POST', `/accounts/${accountId}/deposits`, { amount: 5000 });

    expect(history.status).toBe(200);
    expect(((await history.json()) as { events: unknown[] }).events).toHaveLength(1);
    expect(deposit.status).toBe(200);
    expect(await deposit.json()).toMatchObject({ balance: 15000, version: 2 });
    await stop(second);
  });

  it('keeps nothing with --in-memory', async () => {
    const first = await start(['--in-memory']);
    const accountId = await openAccount(first);
    await stop(first);

    const second = await start(['--in-memory']);
    const history = await call(second, 'GET', `/accounts/${accountId}/events`);

    expect(history.status).toBe(404);
    await stop(second);
  });

  it('prints its URL and stops DynamoDB Local too on SIGTERM, exiting 0', async () => {
    const { port, dynamoPort } = await ports();
    const local = await spawnLocal({ port, dynamoPort, dataDir, args: ['--in-memory'] });
    running.push({ local, dynamoPort });
    const java = dynamoDbLocalPids(dynamoPort);
    expect(local.url).toBe(`http://127.0.0.1:${port}`);
    expect(java).toHaveLength(1);

    const code = await stop(local);

    expect(code).toBe(0);
    expect(dynamoDbLocalPids(dynamoPort)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${dynamoPort}`)).rejects.toThrow();
    await expect(fetch(local.url)).rejects.toThrow();
  });

  it('prints one readable line per request, or JSON lines with --log-json, and no metric blobs', async () => {
    const lines = async (args: string[]) => {
      const { port, dynamoPort } = await ports();
      const env = { LOG_LEVEL: 'INFO' };
      const local = await spawnLocal({
        port,
        dynamoPort,
        dataDir,
        args: [...args, '--in-memory'],
        env,
      });
      running.push({ local, dynamoPort });
      await openAccount(local);
      await fetch(`${local.url}/accounts`);
      // The stream poller consumes the opening on its own schedule: wait for it (JSON mode logs
      // it), so stopping does not race the line this test expects.
      for (let waited = 0; args.includes('--log-json') && waited < 10_000; waited += 50) {
        if (local.output().includes('"event consumed"')) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await stop(local);
      const after = local.output().split('Mint a token with: npm run -s token -- <userId>\n')[1];
      return (after ?? '').split('\n').filter((line) => line !== '' && !line.startsWith('SIGTERM'));
    };

    const text = await lines([]);
    const json = await lines(['--log-json']);

    expect(text).toHaveLength(2);
    expect(text[0]).toMatch(/^[\d:.]{12} POST \/accounts 201 \d+ms [\w-]+ trace=[\da-f]{32}$/);
    expect(text[1]).toMatch(/^[\d:.]{12} GET \/accounts 401 \d+ms [\w-]+ trace=[\da-f]{32}$/);
    const parsed = json.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => line['message'] === 'request')).toMatchObject([
      { level: 'INFO', message: 'request', route: 'POST /accounts', status: 201 },
      { level: 'INFO', message: 'request', route: 'GET /accounts', status: 401 },
    ]);
    // JSON is the format CloudWatch gets, with the consumer's line per event for the trace.
    expect(parsed.filter((line) => line['message'] !== 'request')).toMatchObject([
      { message: 'event consumed', type: 'AccountOpened' },
    ]);
    expect([...text, ...json].filter((line) => line.includes('_aws'))).toEqual([]);
  });
});
