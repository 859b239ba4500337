import { describe, expect, it } from 'vitest';
import { newCursor, settle, type Cursor } from '../../../local/stream-cursor.js';

const policy = { batchSize: 100, maxRetries: 2, retryDelayMs: 100, now: 1_000 };
const batch = { sequences: ['11', '12', '13', '14'], next: 'iterator-2' };

describe('stream cursor', () => {
  const fresh = (): Cursor & { logs: string[] } => {
    const logs: string[] = [];
    return Object.assign(newCursor({ shardId: 's1', parentShardId: undefined }, 100), { logs });
  };
  const withLog = (cursor: { logs: string[] }) => ({
    ...policy,
    log: (line: string) => cursor.logs.push(line),
  });

  it('starts a new shard at TRIM_HORIZON', () => {
    expect(fresh().position).toEqual({ type: 'TRIM_HORIZON' });
  });

  it('moves past a delivered batch and keeps the next iterator', () => {
    const cursor = fresh();

    settle(cursor, batch, { kind: 'ok' }, withLog(cursor));

    expect(cursor).toMatchObject({
      iterator: 'iterator-2',
      position: { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '14' },
      closed: false,
      attempts: 0,
    });
  });

  it('closes the shard when a delivered batch had no next iterator', () => {
    const cursor = fresh();

    settle(cursor, { ...batch, next: undefined }, { kind: 'ok' }, withLog(cursor));

    expect(cursor.closed).toBe(true);
  });

  it('goes back to the first failed record after a backoff', () => {
    const cursor = fresh();

    settle(cursor, batch, { kind: 'failed', index: 2 }, withLog(cursor));

    expect(cursor).toMatchObject({
      iterator: undefined,
      position: { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: '13' },
      attempts: 1,
      retryAt: 1_100,
    });
  });

  it('doubles the backoff on each retry of the same record', () => {
    const cursor = fresh();

    settle(cursor, batch, { kind: 'failed', index: 0 }, withLog(cursor));
    settle(cursor, batch, { kind: 'failed', index: 0 }, withLog(cursor));

    expect(cursor.retryAt).toBe(1_200);
  });

  it('halves the batch when the invocation throws, without counting a retry', () => {
    const cursor = fresh();

    settle(cursor, batch, { kind: 'threw', errorName: 'Error' }, withLog(cursor));

    expect(cursor).toMatchObject({
      batchLimit: 2,
      attempts: 0,
      position: { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: '11' },
    });
  });

  it('discards a record after the retry limit and logs only its sequence number', () => {
    const cursor = fresh();
    const single = { sequences: ['11'], next: 'it' };

    for (let attempt = 0; attempt < 3; attempt += 1) {
      settle(cursor, single, { kind: 'threw', errorName: 'Error' }, withLog(cursor));
    }

    expect(cursor.position).toEqual({ type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '11' });
    expect(cursor.attempts).toBe(0);
    expect(cursor.logs.at(-1)).toBe('stream poller discarded record 11 after 2 retries');
  });
});
