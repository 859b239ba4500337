import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { SignJWT } from 'jose';
import { createRawClient } from '../../../lambdas/dynamodb-client.js';
import { fromEventItem } from '../../../lambdas/event-store/event-item.js';
import { loadSigningSecret, tokenAudience, tokenIssuer } from '../../../local/token.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/** One HTTP answer, its body parsed. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** An event as stored in the Events table (the oracle the model is checked against). */
export interface StoredEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

export interface Request {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The real stack: the local runtime over HTTP, and read access to its Events table. */
export interface Stack {
  call(sub: string, method: string, path: string, request?: Request): Promise<Answer>;
  events(accountId: string): Promise<StoredEvent[]>;
  idle(): Promise<void>;
  /** Every 5xx any call received, as `METHOD path -> status body`. */
  readonly serverErrors: string[];
  stop(): Promise<void>;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * Starts the local runtime with snapshots every `snapshotEvery` events (so time travel crosses
 * snapshot versions in short runs). Tokens are signed for any `sub`, as a bring-your-own identity
 * provider may issue them (`system:ledger`, `col#x`): the local token CLI refuses such names.
 */
export const startStack = async (snapshotEvery: number): Promise<Stack> => {
  process.env['SNAPSHOT_EVERY'] = String(snapshotEvery);
  const api: LocalApi = await startLocalApi();
  const secret = await loadSigningSecret(api.runtime.dataDir);
  const client = createRawClient({ endpoint: api.runtime.dynamoEndpoint });
  const tokens = new Map<string, string>();
  const serverErrors: string[] = [];
  const tokenOf = async (sub: string): Promise<string> => {
    const known = tokens.get(sub);
    if (known !== undefined) {
      return known;
    }
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(tokenIssuer)
      .setAudience(tokenAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(secret);
    tokens.set(sub, token);
    return token;
  };
  return {
    serverErrors,
    call: async (sub, method, path, request = {}) => {
      const headers: Record<string, string> = {
        ...request.headers,
        authorization: `Bearer ${await tokenOf(sub)}`,
      };
      if (request.body !== undefined) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${api.runtime.url}${path}`, {
        method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      const text = await response.text();
      if (response.status >= 500) {
        serverErrors.push(`${method} ${path} -> ${response.status} ${text.slice(0, 300)}`);
      }
      return { status: response.status, headers: response.headers, body: parse(text), text };
    },
    events: async (accountId) => {
      const events: StoredEvent[] = [];
      let startKey: Parameters<typeof fromEventItem>[0] | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: api.runtime.tables.Events,
            KeyConditionExpression: 'accountId = :a',
            ExpressionAttributeValues: { ':a': { S: accountId } },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { version, type, occurredAt, data } = fromEventItem(item);
          events.push({ version, type, occurredAt, data: { ...data } });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return events;
    },
    idle: () => api.runtime.whenIdle(),
    stop: async () => {
      client.destroy();
      await api.stop();
    },
  };
};
