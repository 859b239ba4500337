import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from './observability.js';

export interface DynamoDbClientOptions {
  /** DynamoDB Local's URL; the regional AWS endpoint when omitted. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * The document client every adapter shares. Against DynamoDB Local it uses fixed dummy credentials,
 * so a laptop needs no AWS profile.
 */
export const createDocumentClient = (
  options: DynamoDbClientOptions = {},
): DynamoDBDocumentClient => {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: options.region ?? 'us-east-1',
    ...(local
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 5,
        }
      : {}),
  });
  // Traced on Lambda (a subsegment per call); the tracer leaves the client as it is elsewhere.
  return DynamoDBDocumentClient.from(tracer.captureAWSv3Client(client), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
