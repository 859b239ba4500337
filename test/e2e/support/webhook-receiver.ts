import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a webhook receiver took: its headers and its parsed JSON body. */
export interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** A subscriber on 127.0.0.1: records every delivery; `answer` picks the status of each. */
export interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  close(): Promise<void>;
}

export const startWebhookReceiver = async (
  answer: (delivery: Delivery) => number = () => 204,
): Promise<WebhookReceiver> => {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const delivery = {
        headers: request.headers,
        body: JSON.parse(text) as Record<string, unknown>,
        text,
      };
      deliveries.push(delivery);
      response.writeHead(answer(delivery)).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ledger-events`,
    deliveries,
    close: () =>
      new Promise((closed) => {
        server.close(() => {
          closed();
        });
        server.closeAllConnections();
      }),
  };
};
