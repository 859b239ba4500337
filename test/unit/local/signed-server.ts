import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startLocalServer,
  type LocalServer,
  type LocalServerOptions,
} from '../../../local/server.js';
import { loadSigningSecret, mintToken, verifyToken } from '../../../local/token.js';

/** A local server that verifies tokens signed by a fresh secret, and a token of `user-1`. */
export interface SignedServer {
  readonly server: LocalServer;
  readonly token: string;
  /** Closes the server and removes the secret's directory. */
  close(): Promise<void>;
}

/** Starts a local server over `options`, verifying tokens against a secret in a temp directory. */
export const startSignedServer = async (
  options: Omit<LocalServerOptions, 'verify'>,
): Promise<SignedServer> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-server-'));
  const secret = await loadSigningSecret(dataDir);
  const token = await mintToken(secret, { sub: 'user-1' });
  const server = await startLocalServer({
    ...options,
    verify: (candidate) => verifyToken(secret, candidate),
  });
  return {
    server,
    token,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
