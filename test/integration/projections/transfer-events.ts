import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';
import type { StreamConsumer } from '../../../lambdas/event-store/event-stream.js';
import { projectionConsumer } from '../../../lambdas/projections/projection.js';
import { projectionByName } from '../../../lambdas/projections/rebuild-registry.js';
import { InMemoryEventStore } from '../../support/in-memory-event-store.js';
import type { TestTables } from '../../support/dynamodb.js';

/** The live Transfers projector over a (possibly faulty) client, as the stream consumer runs it. */
export const transfersConsumer = (client: DynamoDBDocumentClient, tables: TestTables) =>
  projectionConsumer(
    projectionByName('Transfers', {
      client,
      store: new InMemoryEventStore(),
      config: { tables: tables.names },
    }),
  ) satisfies StreamConsumer;

const metadata = {
  actorId: 'sender',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
  requestId: 'r',
};

/** A stored event of one account, as the stream delivers it (already at its current schema). */
export const recorded = (
  streamId: string,
  version: number,
  type: string,
  data: Record<string, unknown>,
): RecordedEvent => ({
  streamId,
  version,
  eventId: `${streamId}-${String(version)}`,
  type,
  schema: type === 'MoneyDeposited' || type === 'TransferReceived' ? 2 : 1,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
  data,
  metadata,
});

export const sentEvent = (from: string, version: number, transferId: string, to: string) =>
  recorded(from, version, 'TransferSent', {
    transferId,
    toAccountId: to,
    amount: 100,
    currency: 'EUR',
    balanceAfter: 900,
  });

export const receivedEvent = (to: string, version: number, transferId: string, from: string) =>
  recorded(to, version, 'TransferReceived', {
    transferId,
    fromAccountId: from,
    amount: 100,
    balanceAfter: 1_100,
  });

export const reversedEvent = (from: string, version: number, transferId: string, to: string) =>
  recorded(from, version, 'TransferReversed', {
    transferId,
    toAccountId: to,
    amount: 100,
    reason: 'account-closed',
    balanceAfter: 1_000,
  });

/** The stored Transfers row (with its revision), or undefined. */
export const storedRow = async (
  tables: TestTables,
  transferId: string,
): Promise<Record<string, unknown> | undefined> =>
  (
    await tables.client.send(
      new GetCommand({
        TableName: tables.names.Transfers,
        Key: { transferId },
        ConsistentRead: true,
      }),
    )
  ).Item;

interface Sendable {
  readonly constructor: { readonly name: string };
  readonly input?: unknown;
}

/** A client whose calls matching `fails` throw before they reach DynamoDB (nothing is written). */
export const failingWhere = (
  inner: DynamoDBDocumentClient,
  fails: (command: string, input: Record<string, unknown>) => boolean,
): DynamoDBDocumentClient => {
  const send = (command: Sendable, ...rest: unknown[]): Promise<unknown> => {
    const input = (command.input ?? {}) as Record<string, unknown>;
    if (fails(command.constructor.name, input)) {
      return Promise.reject(new Error(`injected failure of ${command.constructor.name}`));
    }
    return (inner.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  };
  return new Proxy(inner, {
    get: (target, property, receiver) =>
      property === 'send' ? send : (Reflect.get(target, property, receiver) as unknown),
  });
};
