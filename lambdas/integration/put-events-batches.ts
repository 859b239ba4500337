import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/**
 * PutEvents limits: at most 10 entries per call
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html), and a total
 * entry size under 256 KB, counted as EventBridge counts it: 14 bytes for Time, the UTF-8 bytes of
 * Source, DetailType, Detail and each Resources entry
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/events/CalculatePutEventsEntrySize.html).
 */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

const bytes = (text: string | undefined): number =>
  text === undefined ? 0 : Buffer.byteLength(text, 'utf8');

/** An entry's size as EventBridge computes it against the 256 KB limit. */
export const entrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time === undefined ? 0 : 14) +
  bytes(entry.Source) +
  bytes(entry.DetailType) +
  bytes(entry.Detail) +
  (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0);

/** An entry larger than a whole PutEvents call may carry: it can never be published. */
export class OversizeEntryError extends Error {
  override readonly name = 'OversizeEntryError';
}

/**
 * Splits entries, in order, into the fewest consecutive calls within both limits (greedy: a call
 * takes entries until the next would break one). Each call is given by the positions it holds.
 * @throws OversizeEntryError for an entry of 256 KB or more on its own.
 */
export const putEventsBatches = (
  entries: readonly PutEventsRequestEntry[],
  limits = { entries: PUT_EVENTS_MAX_ENTRIES, bytes: PUT_EVENTS_MAX_BYTES },
): number[][] => {
  const batches: number[][] = [];
  let current: number[] = [];
  let size = 0;
  for (const [index, entry] of entries.entries()) {
    const next = entrySize(entry);
    if (next >= limits.bytes) {
      throw new OversizeEntryError(
        `Entry ${index} is ${next} bytes; PutEvents takes under ${limits.bytes}`,
      );
    }
    if (current.length === limits.entries || size + next >= limits.bytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(index);
    size += next;
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
};
