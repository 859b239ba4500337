import type {
  AttributeValue as StreamAttributeValue,
  _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

type StreamImage = Record<string, StreamAttributeValue>;
type LambdaImage = Record<string, AttributeValue>;

// Lambda hands binary attributes over as base64 text, where the SDK gives bytes.
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const toLambdaComposite = (value: StreamAttributeValue): AttributeValue | undefined => {
  if (value.B !== undefined) {
    return { B: base64(value.B) };
  }
  if (value.BS !== undefined) {
    return { BS: value.BS.map(base64) };
  }
  if (value.L !== undefined) {
    return { L: value.L.map(toLambdaValue) };
  }
  return value.M === undefined ? undefined : { M: toLambdaImage(value.M) };
};

const toLambdaScalar = (value: StreamAttributeValue): AttributeValue => {
  if (value.S !== undefined) {
    return { S: value.S };
  }
  if (value.N !== undefined) {
    return { N: value.N };
  }
  if (value.SS !== undefined) {
    return { SS: value.SS };
  }
  if (value.NS !== undefined) {
    return { NS: value.NS };
  }
  return value.BOOL === undefined ? { NULL: true } : { BOOL: value.BOOL };
};

/** One attribute value in the shape a Lambda stream event carries. */
export const toLambdaValue = (value: StreamAttributeValue): AttributeValue =>
  toLambdaComposite(value) ?? toLambdaScalar(value);

/** An item image in the shape a Lambda stream event carries. */
export const toLambdaImage = (image: StreamImage): LambdaImage =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));

const optionalImages = (source: NonNullable<StreamRecord['dynamodb']>) => ({
  ...(source.NewImage ? { NewImage: toLambdaImage(source.NewImage) } : {}),
  ...(source.OldImage ? { OldImage: toLambdaImage(source.OldImage) } : {}),
  ...(source.StreamViewType ? { StreamViewType: source.StreamViewType } : {}),
});

/**
 * Converts a record from DynamoDB Streams' GetRecords into the record a Lambda event source mapping
 * delivers: the same fields, binary as base64 and ApproximateCreationDateTime in epoch seconds.
 */
export const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const source = record.dynamodb ?? {};
  const created = source.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      Keys: toLambdaImage(source.Keys ?? {}),
      ...optionalImages(source),
      SequenceNumber: source.SequenceNumber,
      SizeBytes: source.SizeBytes,
    },
  };
};
