import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fromAttributeMap, toAttributeMap, type AttributeItem } from './attribute-values.js';
import { decodeMeta, encodeMeta, MalformedEventMetaError } from './event-meta.js';
import type { EventMetadata, RecordedEvent } from './event-store.js';

/**
 * The Events table item of an event (docs/adr/0160): the keys `accountId` and `version`, `type`,
 * `data` as a map, and everything else in one readable `meta` string.
 */
export const toEventItem = (event: RecordedEvent): AttributeItem => ({
  accountId: { S: event.streamId },
  version: { N: String(event.version) },
  type: { S: event.type },
  data: { M: toAttributeMap(event.data) },
  meta: { S: encodeMeta(event) },
});

const text = (value: AttributeValue | undefined, name: string): string => {
  if (value?.S === undefined) {
    throw new MalformedEventMetaError(`An event item has no ${name} string`);
  }
  return value.S;
};

/**
 * Items written before the compact layout (ADR 0160) hold eventId, schema and occurredAt as
 * attributes and the metadata as a map; they are read as they are, never rewritten.
 */
const legacyEnvelope = (item: AttributeItem) => {
  const metadata = item['metadata']?.M;
  if (metadata === undefined) {
    throw new MalformedEventMetaError('An event item has neither meta nor metadata');
  }
  return {
    eventId: text(item['eventId'], 'eventId'),
    schema: Number(item['schema']?.N),
    occurredAt: text(item['occurredAt'], 'occurredAt'),
    metadata: fromAttributeMap(metadata) as unknown as EventMetadata,
  };
};

/**
 * Maps an Events item in the wire format (a Query page, a Scan page, a stream image) back to an
 * event, whichever layout it was written in. One object literal of a fixed shape: loads of long
 * streams call this for every event.
 */
export const fromEventItem = (item: AttributeItem): RecordedEvent => {
  const meta = item['meta']?.S;
  const envelope = meta === undefined ? legacyEnvelope(item) : decodeMeta(meta);
  const data = item['data']?.M;
  return {
    streamId: text(item['accountId'], 'accountId'),
    version: Number(item['version']?.N),
    eventId: envelope.eventId,
    type: text(item['type'], 'type'),
    schema: envelope.schema,
    occurredAt: envelope.occurredAt,
    data: data === undefined ? {} : fromAttributeMap(data),
    metadata: envelope.metadata,
  };
};
