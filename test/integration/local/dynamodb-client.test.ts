import { Agent as HttpsAgent } from 'node:https';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  connectionOptions,
  createRawClient,
  requestHandlerOptions,
} from '../../../lambdas/dynamodb-client.js';

// A TCP relay in front of DynamoDB Local that counts the connections a client opens, and the most
// it holds open at once: what keep-alive and the socket limit decide.
let relay: Server;
let endpoint: string;
let opened = 0;
let open = 0;
let mostOpen = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  const target = new URL(inject('dynamoEndpoint'));
  relay = createServer((socket) => {
    opened += 1;
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    sockets.add(socket);
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      if (sockets.delete(socket)) {
        open -= 1;
      }
      upstream.destroy();
      socket.destroy();
    };
    socket.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  await new Promise((resolve) => relay.close(resolve));
});

const reset = () => {
  opened = 0;
  mostOpen = open;
};

describe('the DynamoDB client every adapter uses', () => {
  it('keeps its connection alive: twenty calls in a row open one socket', async () => {
    const client = createRawClient({ endpoint });
    reset();

    for (let i = 0; i < 20; i += 1) {
      await client.send(new ListTablesCommand({ Limit: 1 }));
    }

    expect(opened).toBe(1);
    client.destroy();
  });

  it(`holds at most ${String(connectionOptions.maxSockets)} sockets however many calls are in flight`, async () => {
    const client = createRawClient({ endpoint });
    reset();

    await Promise.all(
      Array.from({ length: 100 }, () => client.send(new ListTablesCommand({ Limit: 1 }))),
    );

    expect(mostOpen).toBeLessThanOrEqual(connectionOptions.maxSockets);
    expect(opened).toBeGreaterThan(1);
    client.destroy();
  });

  it('gives the AWS client an HTTPS agent with keep-alive, the socket limit and a connection timeout', () => {
    const options = requestHandlerOptions(undefined);
    const agent = 'httpsAgent' in options ? options.httpsAgent : undefined;

    expect(agent).toBeInstanceOf(HttpsAgent);
    expect(agent?.maxSockets).toBe(64);
    expect(agent?.options).toMatchObject({ keepAlive: true });
    expect(options).toMatchObject({ connectionTimeout: 3_000 });
  });
});
