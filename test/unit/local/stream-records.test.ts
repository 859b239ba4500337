import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { toLambdaRecord } from '../../../local/stream-records.js';

const arn = 'arn:aws:dynamodb:ddblocal:000000000000:table/ledger-Events/stream/x';

describe('stream record conversion', () => {
  it('produces the Lambda record shape with epoch seconds and base64 binaries', () => {
    const record: _Record = {
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-02T03:04:05.678Z'),
        Keys: { accountId: { S: 'a' }, version: { N: '1' } },
        NewImage: {
          accountId: { S: 'a' },
          data: {
            M: { list: { L: [{ BOOL: true }, { NULL: true }] }, b: { B: Buffer.from('hi') } },
          },
          sets: { M: { ss: { SS: ['x'] }, ns: { NS: ['1'] }, bs: { BS: [Buffer.from('a')] } } },
        },
        SequenceNumber: '42',
        SizeBytes: 10,
        StreamViewType: 'NEW_IMAGE',
      },
    };

    expect(toLambdaRecord(record, arn)).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      eventSourceARN: arn,
      dynamodb: {
        ApproximateCreationDateTime: 1767323045,
        Keys: { accountId: { S: 'a' }, version: { N: '1' } },
        NewImage: {
          accountId: { S: 'a' },
          data: { M: { list: { L: [{ BOOL: true }, { NULL: true }] }, b: { B: 'aGk=' } } },
          sets: { M: { ss: { SS: ['x'] }, ns: { NS: ['1'] }, bs: { BS: ['YQ=='] } } },
        },
        SequenceNumber: '42',
        SizeBytes: 10,
        StreamViewType: 'NEW_IMAGE',
      },
    });
  });
});
