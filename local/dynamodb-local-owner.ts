import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Who owns a DynamoDB Local: kept in the data dir while a runtime runs, so the next start can tell
 * a JVM left behind by a runtime that was killed hard (kill -9 bypasses every shutdown hook) from
 * one a live runtime still uses.
 */
interface OwnerRecord {
  readonly runtimePid: number;
  readonly jvmPid: number;
  readonly port: number;
}

/** Thrown when the data dir or the port belongs to someone else; the message says what to do. */
export class DynamoDbLocalBusyError extends Error {
  override readonly name = 'DynamoDbLocalBusyError';
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Process ids of the DynamoDB Local JVMs listening on a port, from their command lines. */
export const dynamoDbLocalPidsOn = (port: number): number[] =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${String(port)} `))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

const readRecord = async (file: string): Promise<OwnerRecord | undefined> => {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<OwnerRecord>;
    const { runtimePid, jvmPid, port } = record;
    return Number.isInteger(runtimePid) && Number.isInteger(jvmPid) && Number.isInteger(port)
      ? (record as OwnerRecord)
      : undefined;
  } catch {
    return undefined;
  }
};

const stopProcess = async (pid: number): Promise<void> => {
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await sleep(100);
  }
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
  }
};

/**
 * Before a start: if the data dir's last DynamoDB Local still runs, refuse while the runtime that
 * started it lives, and stop it when that runtime is gone (its data stays on disk). Then no JVM
 * outlives its runtime for more than one start, and Ctrl-C stops what runs.
 */
export const reclaimLeftover = async (file: string, log: (line: string) => void): Promise<void> => {
  const record = await readRecord(file);
  if (record === undefined) {
    return;
  }
  const { runtimePid, jvmPid, port } = record;
  if (dynamoDbLocalPidsOn(port).includes(jvmPid)) {
    if (isAlive(runtimePid)) {
      throw new DynamoDbLocalBusyError(
        `another Ledger runtime (pid ${String(runtimePid)}) is running with this data dir and its ` +
          `DynamoDB Local (pid ${String(jvmPid)}); stop it first (Ctrl-C in its terminal, or ` +
          `kill ${String(runtimePid)}), or use another LEDGER_DATA_DIR`,
      );
    }
    await stopProcess(jvmPid);
    log(
      `stopped DynamoDB Local (pid ${String(jvmPid)}) on port ${String(port)}, left running by ` +
        `a runtime (pid ${String(runtimePid)}) that did not shut down`,
    );
  }
  await rm(file, { force: true });
};

/** Records this runtime as the owner of the JVM it started. */
export const recordOwner = (file: string, jvmPid: number, port: number): Promise<void> =>
  writeFile(file, JSON.stringify({ runtimePid: process.pid, jvmPid, port }), { mode: 0o600 });

/** Forgets the owner once its JVM stopped. */
export const forgetOwner = (file: string): Promise<void> => rm(file, { force: true });
