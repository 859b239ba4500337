import type { CommandRecord, RecordedEvent } from './event-store.js';

/** The Events table item of an event: `accountId` + `version` keys, everything else as is. */
export type EventItem = Omit<RecordedEvent, 'streamId'> & { readonly accountId: string };

export const toEventItem = ({ streamId, ...event }: RecordedEvent): EventItem => ({
  accountId: streamId,
  ...event,
});

/** Maps an item read from the Events table (or an unmarshalled stream image) back to an event. */
export const fromEventItem = (item: Record<string, unknown>): RecordedEvent => {
  const { accountId, ...rest } = item as EventItem;
  return { ...rest, streamId: accountId };
};

export const fromCommandItem = (item: Record<string, unknown>): CommandRecord =>
  item as unknown as CommandRecord;
