import {
  DescribeStreamCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';

/** A shard of a stream and the shard it continues (read only after its parent is drained). */
export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
}

/** Where to (re)start reading a shard. */
export type ShardPosition =
  | { readonly type: 'TRIM_HORIZON' }
  | {
      readonly type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';
      readonly sequenceNumber: string;
    };

/** Every shard of a stream, open and closed, following DescribeStream's pagination. */
export const describeShards = async (
  client: DynamoDBStreamsClient,
  streamArn: string,
): Promise<ShardInfo[]> => {
  const shards: ShardInfo[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription: description } = await client.send(
      new DescribeStreamCommand({
        StreamArn: streamArn,
        ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}),
      }),
    );
    for (const shard of description?.Shards ?? []) {
      if (shard.ShardId !== undefined) {
        shards.push({ shardId: shard.ShardId, parentShardId: shard.ParentShardId });
      }
    }
    exclusiveStartShardId = description?.LastEvaluatedShardId;
  } while (exclusiveStartShardId !== undefined);
  return shards;
};

/** A fresh iterator for a shard at a position; undefined when the shard has nothing more. */
export const shardIterator = async (
  client: DynamoDBStreamsClient,
  streamArn: string,
  shardId: string,
  position: ShardPosition,
): Promise<string | undefined> => {
  const { ShardIterator: iterator } = await client.send(
    new GetShardIteratorCommand({
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: position.type,
      ...('sequenceNumber' in position ? { SequenceNumber: position.sequenceNumber } : {}),
    }),
  );
  return iterator;
};

/**
 * An iterator at a shard position; when the records after that position have aged out of the
 * stream (24 hours), the iterator at the oldest record left, and that position.
 */
export const openShard = async (
  client: DynamoDBStreamsClient,
  streamArn: string,
  shard: { readonly shardId: string; readonly position: ShardPosition },
  log: (line: string) => void,
): Promise<{ iterator: string | undefined; position: ShardPosition }> => {
  const { shardId, position } = shard;
  try {
    return { iterator: await shardIterator(client, streamArn, shardId, position), position };
  } catch (error) {
    if (!(error instanceof TrimmedDataAccessException) || position.type === 'TRIM_HORIZON') {
      throw error;
    }
    log(`stream poller: records after ${position.sequenceNumber} were trimmed; reading on`);
    const oldest: ShardPosition = { type: 'TRIM_HORIZON' };
    return { iterator: await shardIterator(client, streamArn, shardId, oldest), position: oldest };
  }
};
