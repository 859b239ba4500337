import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as LambdaAttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import type { Dependencies } from '../../lambdas/dependencies.js';
import { fromEventItem, toEventItem } from '../../lambdas/event-store/event-item.js';
import type { RecordedEvent } from '../../lambdas/event-store/event-store.js';
import { dispatchBatch } from '../../lambdas/event-store/event-stream.js';

/** Stream records in Lambda's DynamoDBStreamEvent shape, one INSERT per event, in the given order. */
export const streamEventOf = (events: readonly RecordedEvent[]): DynamoDBStreamEvent => ({
  Records: events.map((event, index) => ({
    eventID: `${event.streamId}-${event.version}-${index}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: marshall({ accountId: event.streamId, version: event.version }) as Record<
        string,
        LambdaAttributeValue
      >,
      NewImage: toEventItem(event) as Record<string, LambdaAttributeValue>,
      SequenceNumber: String(1000 + index),
      StreamViewType: 'NEW_IMAGE',
    },
  })),
});

/** Every event in the Events table, ordered by account and version. */
export const allEvents = async (deps: Dependencies): Promise<RecordedEvent[]> => {
  const { Items = [] } = await deps.client.send(
    new ScanCommand({ TableName: deps.config.tables.Events, ConsistentRead: true }),
  );
  return Items.map(fromEventItem).sort(
    (a, b) => a.streamId.localeCompare(b.streamId) || a.version - b.version,
  );
};

/** Projects every stored event through the stream consumer, as one batch. */
export const projectAll = async (deps: Dependencies) =>
  dispatchBatch(streamEventOf(await allEvents(deps)), deps.consumers);
