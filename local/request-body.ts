import type { IncomingMessage } from 'node:http';

/** Default cap on a request body: 1 MiB, far above any valid Ledger command. */
export const defaultMaxBodyBytes = 1024 * 1024;

/** A body read whole, or a refusal because it exceeded the cap. */
export type BodyResult = { readonly ok: true; readonly body: string } | { readonly ok: false };

/**
 * Reads a request body up to `maxBytes`. It stops as soon as the declared or received size passes
 * the cap, so a huge body never sits in memory; the caller answers 413 and closes the connection.
 */
export const readBody = (request: IncomingMessage, maxBytes: number): Promise<BodyResult> => {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    return Promise.resolve({ ok: false });
  }
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.pause();
        done({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => {
      done({ ok: true, body: Buffer.concat(chunks).toString('utf8') });
    });
    request.once('error', fail);
    // A client that hangs up mid-body never sends 'end'; settle instead of waiting forever.
    request.once('close', () => {
      if (!request.complete) {
        fail(new Error('request aborted'));
      }
    });
  });
};
