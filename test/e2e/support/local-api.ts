import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startLocalRuntime,
  type LocalRuntime,
  type LocalRuntimeOptions,
} from '../../../local/runtime.js';
import { openApiMismatches } from '../../support/openapi-check.js';
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

/** Every response the e2e tests receive must be one the OpenAPI document describes. */
const expectDocumented = async (method: string, path: string, response: Response) => {
  const { status, headers } = response;
  const pathname = new URL(path, 'http://localhost').pathname;
  const body = await response.clone().text();
  const mismatches = openApiMismatches({ method, path: pathname, status, headers, body });
  if (mismatches.length > 0) {
    throw new Error(
      `${method} ${path} ${status} differs from docs/openapi.json: ${mismatches.join('; ')}`,
    );
  }
};

export const startLocalApi = async (
  options: Pick<LocalRuntimeOptions, 'webhookUrls'> = {},
): Promise<LocalApi> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-e2e-'));
  const runtime = await startLocalRuntime({ ...options, dataDir, inMemory: true });
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
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      await expectDocumented(method, path, response);
      return response;
    },
    stop: async () => {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
