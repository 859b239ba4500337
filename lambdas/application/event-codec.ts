import { personalFields } from '../crypto/index.js';
import type { AccountEvent } from '../domain/account/index.js';
import { eventSchemas } from '../domain/account/index.js';
import type { NewEvent, EventMetadata } from '../event-store/event-store.js';
import { upcast } from '../event-store/upcasters.js';
import type { IdGenerator, PersonalDataProtection } from './ports.js';

/**
 * Turns a stored event into a domain event: upcast to the current schema, then hide each personal
 * field that is still encrypted as null (the command path never needs personal data, so it never
 * decrypts, and no state or snapshot ever holds it).
 */
export const toDomainEvent = (recorded: NewEvent): AccountEvent => {
  const { type, data } = upcast(recorded);
  const fields = personalFields[type];
  if (!fields) {
    return { type, data } as AccountEvent;
  }
  const hidden = Object.fromEntries(
    fields
      .filter((field) => field in data && typeof data[field] !== 'string')
      .map((field) => [field, null]),
  );
  return { type, data: { ...data, ...hidden } } as AccountEvent;
};

export interface EnvelopeContext {
  readonly streamId: string;
  readonly subjectId: string;
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
}

/** Gives domain events their envelope (id, schema, time, metadata) and encrypts personal fields. */
export const toNewEvents = async (
  events: readonly AccountEvent[],
  context: EnvelopeContext,
  deps: { ids: IdGenerator; protection: PersonalDataProtection },
): Promise<NewEvent[]> =>
  Promise.all(
    events.map(async (event) => {
      const eventId = deps.ids.next();
      const schema = eventSchemas[event.type];
      const binding = { streamId: context.streamId, eventId, type: event.type, schema };
      const data = await deps.protection.protect(context.subjectId, binding, event.data);
      return {
        eventId,
        type: event.type,
        schema,
        occurredAt: context.occurredAt,
        data,
        metadata: context.metadata,
      };
    }),
  );

/**
 * The time of a new event: now, or the head's time when this clock is behind it (skew between
 * writers), so event times never go back within an account and time travel can search by them.
 */
export const notBefore = (now: Date, head: string | undefined): string =>
  head !== undefined && Date.parse(head) > now.getTime() ? head : now.toISOString();
