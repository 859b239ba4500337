import type { AlreadyRecorded, CommandEntry } from './command-log.js';

/** Who and what caused an event; added by the application service, never by the domain. */
export interface EventMetadata {
  /** The user's token subject, or `system:<process>` for the system. */
  readonly actorId: string;
  /** Absent on events stored before actors were typed (issue 11); read those as a user's. */
  readonly actorKind?: 'user' | 'system';
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly requestId: string;
  /**
   * The W3C traceparent of the work that appended it (a request, or the consumer step acting on an
   * earlier event), so one trace runs from command to event to projection. Absent on older events.
   */
  readonly traceparent?: string;
}

/** An event as stored: the domain event plus its envelope. `data` may hold encrypted envelopes. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schema: number;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  /**
   * The schema the event was stored with, set by `upcast` when it moved the event to a newer one.
   * Encrypted fields stay bound to the stored schema, so decryption needs this one.
   */
  readonly storedSchema?: number;
}

/** An event to append: the store gives it its version (always the last version + 1). */
export type NewEvent = Omit<RecordedEvent, 'streamId' | 'version'>;

export interface AppendRequest {
  readonly streamId: string;
  /** The version the decision was made on (0 for a new stream). */
  readonly expectedVersion: number;
  readonly events: readonly NewEvent[];
  /** The command's entry in the command log, stored atomically with the events. */
  readonly command?: CommandEntry;
  /**
   * A new stream's owner (expectedVersion 0): registered atomically with the first event.
   * @throws OwnerSealedError (from append) when the owner's erasure has started.
   */
  readonly owner?: string;
}

export interface VersionRange {
  /** First version to read (inclusive, default 1). */
  readonly fromVersion?: number;
  /** Last version to read (inclusive, default the head). */
  readonly toVersion?: number;
  /** Most events to return. */
  readonly limit?: number;
}

/** The append-only store of every account's events, with optimistic concurrency per stream. */
export interface EventStore {
  /** Reads a stream's events in version order, strongly consistent. */
  load(streamId: string, range?: VersionRange): Promise<RecordedEvent[]>;
  /**
   * Appends events after `expectedVersion`. No events (an empty decision) appends nothing and
   * succeeds, storing only the command's entry if there is one. When the entry's id is taken, it
   * appends nothing and answers the entry there (a value, not an error).
   * @throws VersionConflictError when another writer appended first.
   */
  append(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded>;
}

/** Another writer appended to the stream after it was loaded. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    options?: ErrorOptions,
  ) {
    super(`Stream ${streamId} already has a version after ${expectedVersion}`, options);
  }
}

/** Gives events their versions: always the version after the last one, never a caller's choice. */
export const versioned = (request: AppendRequest): RecordedEvent[] =>
  request.events.map((event, index) => ({
    ...event,
    streamId: request.streamId,
    version: request.expectedVersion + index + 1,
  }));
