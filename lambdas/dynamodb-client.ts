import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbClientOptions {
  /** DynamoDB Local's URL; the regional AWS endpoint when omitted. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * Client settings for DynamoDB Local (also used by its Streams client): fixed dummy credentials, so
 * a laptop needs no AWS profile, and a few more attempts for a JVM that is busy warming up.
 */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 5,
});

/** A low-level DynamoDB client: DynamoDB Local when an endpoint is given, else the region's. */
export const createRawClient = (options: DynamoDbClientOptions = {}): DynamoDBClient =>
  options.endpoint === undefined
    ? new DynamoDBClient({ region: options.region ?? 'us-east-1' })
    : new DynamoDBClient(localClientConfig(options.endpoint));

/** The document client every adapter shares. */
export const createDocumentClient = (
  options: DynamoDbClientOptions = {},
): DynamoDBDocumentClient => {
  const client = createRawClient(options);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
