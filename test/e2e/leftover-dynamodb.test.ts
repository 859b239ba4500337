import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { loadSigningSecret, mintToken } from '../../local/token.js';
import { dynamoDbLocalPids, spawnLocal, type LocalProcess } from './support/local-process.js';

// An unlucky operator: the runtime is killed hard (kill -9, an OOM kill, a closed laptop lid), its
// DynamoDB Local JVM lives on with the port, and the operator runs `npm start` again.
describe('npm start after the runtime was killed hard', { timeout: 240_000 }, () => {
  const dirs: string[] = [];
  const started: LocalProcess[] = [];
  const dynamoPorts = new Set<number>();
  const blockers: Server[] = [];

  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ledger-leftover-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dataDir: string, dynamoPort: number) => {
    dynamoPorts.add(dynamoPort);
    const local = await spawnLocal({ port: await freePort(), dynamoPort, dataDir });
    started.push(local);
    return local;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((local) => local.stop('SIGTERM')));
    for (const blocker of blockers.splice(0)) {
      blocker.close();
    }
  });

  afterAll(async () => {
    // Whatever a failed run left: the JVMs on every DynamoDB port a test used.
    for (const dynamoPort of dynamoPorts) {
      for (const pid of dynamoDbLocalPids(dynamoPort)) {
        process.kill(pid, 'SIGKILL');
      }
    }
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('stops the leftover DynamoDB Local, keeps the data, and Ctrl-C then stops everything', async () => {
    const dataDir = await newDataDir();
    const dynamoPort = await freePort();
    const token = await mintToken(await loadSigningSecret(dataDir), { sub: 'killed-user' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const first = await start(dataDir, dynamoPort);
    const opened = await fetch(`${first.url}/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ holderName: 'Ada Lovelace', currency: 'EUR', initialDeposit: 500 }),
    });
    const { accountId } = (await opened.json()) as { accountId: string };
    const [leftover] = dynamoDbLocalPids(dynamoPort);
    await first.stop('SIGKILL');
    expect(dynamoDbLocalPids(dynamoPort)).toEqual([leftover]);

    const second = await start(dataDir, dynamoPort);
    const history = await fetch(`${second.url}/accounts/${accountId}/events`, { headers: auth });
    const [own] = dynamoDbLocalPids(dynamoPort);
    const code = await second.stop('SIGINT');

    expect(second.output()).toContain(`stopped DynamoDB Local (pid ${String(leftover)})`);
    expect(history.status).toBe(200);
    expect(own).not.toBe(leftover);
    expect(code).toBe(0);
    expect(dynamoDbLocalPids(dynamoPort)).toEqual([]);
  });

  it('refuses to start, saying what to do, when another process holds the DynamoDB port', async () => {
    const dynamoPort = await freePort();
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((listening) => blocker.listen(dynamoPort, '127.0.0.1', listening));

    const attempt = start(await newDataDir(), dynamoPort);

    await expect(attempt).rejects.toThrow(
      new RegExp(
        `exited with 1 [\\s\\S]*port ${String(dynamoPort)} is in use[\\s\\S]*DYNAMODB_PORT`,
      ),
    );
  });

  it('refuses a second runtime on a data dir another running runtime uses', async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir, await freePort());

    const attempt = start(dataDir, await freePort());

    await expect(attempt).rejects.toThrow(
      new RegExp(`exited with 1 [\\s\\S]*pid ${String(first.child.pid)}`),
    );
    expect((await fetch(`${first.url}/accounts`)).status).toBe(401);
  });
});
