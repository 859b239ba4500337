import type {
  AlreadyRecorded,
  CommandEntry,
  CommandLog,
} from '../../lambdas/event-store/command-log.js';
import {
  VersionConflictError,
  versioned,
  type AppendRequest,
  type EventStore,
  type RecordedEvent,
  type VersionRange,
} from '../../lambdas/event-store/event-store.js';
import { OwnerSealedError, type OwnerRegistry } from '../../lambdas/event-store/owners.js';

const ownerOf = (request: AppendRequest): string | undefined =>
  request.expectedVersion === 0 ? request.owner : undefined;

/**
 * A test fake: an EventStore and its CommandLog in memory with the DynamoDB adapters' semantics,
 * for unit tests (the local `--in-memory` mode runs DynamoDB Local with `-inMemory`, not this).
 */
export class InMemoryEventStore implements EventStore, CommandLog, OwnerRegistry {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, CommandEntry>();
  private readonly owners = new Map<string, string[]>();
  private readonly sealed = new Set<string>();

  load(streamId: string, range: VersionRange = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER, limit } = range;
    const events = (this.streams.get(streamId) ?? []).filter(
      (event) => event.version >= fromVersion && event.version <= toVersion,
    );
    return Promise.resolve(structuredClone(events.slice(0, limit)));
  }

  append(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded> {
    if (request.events.length === 0) {
      return this.appendNothing(request);
    }
    const taken = request.command && this.commands.get(request.command.commandId);
    if (taken) {
      return Promise.resolve({ alreadyRecorded: structuredClone(taken) });
    }
    const refusal = this.refusal(request);
    if (refusal) {
      return Promise.reject(refusal);
    }
    const events = versioned(request);
    this.register(request);
    const stream = this.streams.get(request.streamId) ?? [];
    this.streams.set(request.streamId, [...stream, ...structuredClone(events)]);
    this.keep(request.command);
    return Promise.resolve(events);
  }

  /** Why the DynamoDB adapter's transaction would be cancelled, if it would. */
  private refusal(request: AppendRequest): Error | undefined {
    if (this.head(request.streamId) > request.expectedVersion) {
      return new VersionConflictError(request.streamId, request.expectedVersion);
    }
    return this.sealed.has(ownerOf(request) ?? '') ? new OwnerSealedError() : undefined;
  }

  private head(streamId: string): number {
    return this.streams.get(streamId)?.at(-1)?.version ?? 0;
  }

  private register(request: AppendRequest): void {
    const owner = ownerOf(request);
    if (owner !== undefined) {
      this.owners.set(owner, [...(this.owners.get(owner) ?? []), request.streamId]);
    }
  }

  private keep(command: CommandEntry | undefined): void {
    if (command) {
      this.commands.set(command.commandId, structuredClone(command));
    }
  }

  /** An empty decision appends nothing; only its command record, if any, is stored. */
  private async appendNothing(request: AppendRequest): Promise<RecordedEvent[] | AlreadyRecorded> {
    return (request.command && (await this.record(request.command))) ?? [];
  }

  streamsOf(ownerId: string): Promise<string[]> {
    return Promise.resolve([...(this.owners.get(ownerId) ?? [])].sort());
  }

  seal(ownerId: string): Promise<void> {
    this.sealed.add(ownerId);
    return Promise.resolve();
  }

  find(commandId: string): Promise<CommandEntry | undefined> {
    return Promise.resolve(structuredClone(this.commands.get(commandId)));
  }

  record(entry: CommandEntry): Promise<AlreadyRecorded | undefined> {
    const taken = this.commands.get(entry.commandId);
    if (taken) {
      return Promise.resolve({ alreadyRecorded: structuredClone(taken) });
    }
    this.commands.set(entry.commandId, structuredClone(entry));
    return Promise.resolve(undefined);
  }
}
