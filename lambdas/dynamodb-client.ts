import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
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

/**
 * Connections every DynamoDB client keeps: reused between calls (keep-alive, so a warm command
 * pays no TCP or TLS handshake) and up to 64 at once per container, above the stream consumer's
 * parallel records and the bench's 16 concurrent appends, so no call queues for a socket.
 */
export const connectionOptions = {
  keepAlive: true,
  keepAliveMsecs: 1_000,
  maxSockets: 64,
} as const;

/**
 * The request handler settings: the agent for the endpoint's scheme (DynamoDB Local is plain
 * HTTP), and on AWS a connection timeout well under a Lambda's, so a dead connection is retried
 * instead of waiting out the function.
 */
export const requestHandlerOptions = (endpoint: string | undefined) =>
  endpoint?.startsWith('http:') === true
    ? { httpAgent: new HttpAgent(connectionOptions) }
    : { httpsAgent: new HttpsAgent(connectionOptions), connectionTimeout: 3_000 };

/** A low-level DynamoDB client: DynamoDB Local when an endpoint is given, else the region's. */
export const createRawClient = (options: DynamoDbClientOptions = {}): DynamoDBClient =>
  options.endpoint === undefined
    ? new DynamoDBClient({
        region: options.region ?? 'us-east-1',
        requestHandler: requestHandlerOptions(undefined),
      })
    : new DynamoDBClient({
        ...localClientConfig(options.endpoint),
        requestHandler: requestHandlerOptions(options.endpoint),
      });

/** The document client every adapter shares. */
export const createDocumentClient = (
  options: DynamoDbClientOptions = {},
): DynamoDBDocumentClient => {
  const client = createRawClient(options);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};
