import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime.js';
import { loadSigningSecret, mintToken, type MintTokenOptions } from '../../../local/token.js';

/** A local runtime in memory on free ports, with a throw-away data dir, and a tiny client for it. */
export interface LocalApi {
  readonly runtime: LocalRuntime;
  token(sub: string, options?: Omit<MintTokenOptions, 'sub'>): Promise<string>;
  /** Calls the API as `sub` (no Authorization header when sub is undefined). */
  call(
    method: string,
    path: string,
    options?: { sub?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export const startLocalApi = async (): Promise<LocalApi> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-e2e-'));
  const runtime = await startLocalRuntime({ dataDir, inMemory: true });
  const secret = await loadSigningSecret(dataDir);
  const token = (sub: string, options: Omit<MintTokenOptions, 'sub'> = {}) =>
    mintToken(secret, { ...options, sub });
  return {
    runtime,
    token,
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.sub !== undefined) {
        headers['authorization'] = `Bearer ${await token(options.sub)}`;
      }
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
      }
      return fetch(`${runtime.url}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    },
    stop: async () => {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
