import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectionLagMs } from '../../../lambdas/projections/projection-lag.js';

// ApproximateCreationDateTime: UNIX epoch seconds, rounded down to the second.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
const record = (sequenceNumber: string, createdSeconds?: number): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequenceNumber,
    ...(createdSeconds === undefined ? {} : { ApproximateCreationDateTime: createdSeconds }),
  },
});

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const secondsAgo = (seconds: number) => now / 1000 - seconds;

describe('projectionLagMs', () => {
  it('measures from the oldest record of the batch', () => {
    const lag = projectionLagMs(
      batch(record('1', secondsAgo(3)), record('2', secondsAgo(7)), record('3', secondsAgo(1))),
      undefined,
      now,
    );

    expect(lag).toBe(7000);
  });

  it('leaves out the first failed record and everything after it', () => {
    const lag = projectionLagMs(
      batch(record('1', secondsAgo(2)), record('2', secondsAgo(60)), record('3', secondsAgo(90))),
      '2',
      now,
    );

    expect(lag).toBe(2000);
  });

  it('has nothing to report when the first record failed', () => {
    expect(projectionLagMs(batch(record('1', secondsAgo(5))), '1', now)).toBeUndefined();
  });

  it('skips records without a creation time, and an empty batch reports nothing', () => {
    expect(projectionLagMs(batch(record('1'), record('2', secondsAgo(4))), undefined, now)).toBe(
      4000,
    );
    expect(projectionLagMs(batch(), undefined, now)).toBeUndefined();
    expect(projectionLagMs(batch(record('1')), undefined, now)).toBeUndefined();
  });

  it('never reports a negative lag when the clock is behind the stream', () => {
    expect(projectionLagMs(batch(record('1', now / 1000 + 2)), undefined, now)).toBe(0);
  });

  it('is now minus the oldest applied creation time, for any batch and failure', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }), {
          maxLength: 100,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        (ages, failedAt) => {
          const records = ages.map((age, index) =>
            record(String(index + 1), age === undefined ? undefined : secondsAgo(age)),
          );
          const failed =
            failedAt === undefined || ages.length === 0 ? undefined : failedAt % ages.length;
          const applied = ages.slice(0, failed).filter((age) => age !== undefined);
          const expected = applied.length === 0 ? undefined : Math.max(...applied) * 1000;

          expect(
            projectionLagMs(
              batch(...records),
              failed === undefined ? undefined : String(failed + 1),
              now,
            ),
          ).toBe(expected);
        },
      ),
    );
  });
});
