import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../support/dynamodb.js';
import {
  failingWhere,
  receivedEvent,
  reversedEvent,
  sentEvent,
  storedRow,
  transfersConsumer,
} from './transfer-events.js';

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables();
});

/**
 * A batch over three accounts whose third event cannot be written: account B's reversal of t2,
 * which is not B's first event in the batch.
 *   0: B TransferSent t2 (to A)   1: A TransferSent t1 (to C)
 *   2: B TransferReversed t2      3: C TransferReceived t1
 */
const scenario = (name: string) => {
  const [a, b, c] = [`${name}-a`, `${name}-b`, `${name}-c`];
  const [t1, t2] = [`${name}-t1`, `${name}-t2`];
  const batch = [
    sentEvent(b, 1, t2, a),
    sentEvent(a, 1, t1, c),
    reversedEvent(b, 2, t2, a),
    receivedEvent(c, 1, t1, a),
  ];
  const failing = failingWhere(tables.client, (command, input) => {
    const item = input['Item'] as Record<string, unknown> | undefined;
    return command === 'PutCommand' && item?.['transferId'] === t2 && item['status'] === 'reversed';
  });
  return { batch, t1, t2, failing };
};

describe('where the Transfers projector asks a failed batch to be redelivered from', () => {
  it('reports the first event of the earliest account that failed, having applied the other accounts', async () => {
    const { batch, t1, t2, failing } = scenario('mid');

    const failedAt = await transfersConsumer(failing, tables).consume(batch);

    // Per account (ADR 0170): B failed, and B's first event in the batch is at 0 (it was 2, the
    // failed event, while Transfers went one event at a time and stopped there). A and C did not
    // fail and are applied, so t1 is completed although its credit comes after the failure.
    expect(failedAt).toBe(0);
    expect((await storedRow(tables, t1))?.['status']).toBe('completed');
    expect(await storedRow(tables, t2)).toMatchObject({ status: 'pending', sentVersion: 1 });
  });

  it('converges when the batch is redelivered from that position', async () => {
    const { batch, t1, t2, failing } = scenario('redelivered');
    const failedAt = await transfersConsumer(failing, tables).consume(batch);

    const again = await transfersConsumer(tables.client, tables).consume(batch.slice(failedAt));

    expect(again).toBeUndefined();
    expect((await storedRow(tables, t1))?.['status']).toBe('completed');
    expect(await storedRow(tables, t2)).toMatchObject({ status: 'reversed', revision: 2 });
  });
});
