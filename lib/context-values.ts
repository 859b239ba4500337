import type { Node } from 'constructs';

/** A string context value; empty or absent is undefined, any other type fails the synth. */
export const stringContext = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new Error(`Context ${key} must be a string`);
  }
  return value;
};

/** A comma-separated context value as its trimmed, non-empty entries. */
export const listContext = (node: Node, key: string): string[] =>
  (stringContext(node, key) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

// Loopback may be plain http, as browsers and Cognito allow for development.
const loopback = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d{1,5})?$/;

const hasLoopbackHost = (url: URL): boolean =>
  url.protocol === 'http:' && loopback.test(`http://${url.host}`);

/**
 * Browser origins (`https://app.example.com`, `http://localhost:5173`): scheme, host and port
 * only, exactly as a browser sends them in `Origin`. No wildcard: every origin is named.
 */
export const originsOf = (node: Node, key: string): string[] =>
  listContext(node, key).map((origin) => {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    const named = url !== undefined && /^[a-z0-9.-]+$/.test(url.hostname);
    if (!named || url.origin !== origin || !(url.protocol === 'https:' || hasLoopbackHost(url))) {
      throw new Error(
        `Context ${key} must list origins like https://app.example.com (no path, no wildcard)`,
      );
    }
    return origin;
  });

/** Absolute https:// URLs (or loopback http://) without a fragment, as Cognito accepts. */
export const urlsOf = (node: Node, key: string): string[] =>
  listContext(node, key).map((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || url.hash !== '' || !(url.protocol === 'https:' || hasLoopbackHost(url))) {
      throw new Error(`Context ${key} must list https:// URLs without a fragment`);
    }
    return value;
  });
