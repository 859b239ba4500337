import type { CommandRecord, RecordedEvent } from './event-store.js';

/** The Events table item of an event: `accountId` + `version` keys, everything else as is. */
export type EventItem = Omit<RecordedEvent, 'streamId'> & { readonly accountId: string };

export const toEventItem = ({ streamId, ...event }: RecordedEvent): EventItem => ({
  accountId: streamId,
  ...event,
});

/**
 * Maps an item read from the Events table (or an unmarshalled stream image) back to an event. One
 * object literal of a fixed shape, no spreads: loads of long streams call this for every event.
 */
export const fromEventItem = (item: Record<string, unknown>): RecordedEvent => {
  const event = item as EventItem;
  return {
    streamId: event.accountId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schema: event.schema,
    occurredAt: event.occurredAt,
    data: event.data,
    metadata: event.metadata,
  };
};

export const fromCommandItem = (item: Record<string, unknown>): CommandRecord =>
  item as unknown as CommandRecord;
