import {
  CommandAlreadyRecordedError,
  VersionConflictError,
  versioned,
  type AppendRequest,
  type CommandRecord,
  type EventStore,
  type RecordedEvent,
  type VersionRange,
} from './event-store.js';

/** An EventStore in memory with the DynamoDB adapter's semantics, for unit tests and `--in-memory`. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, CommandRecord>();

  load(streamId: string, range: VersionRange = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER, limit } = range;
    const events = (this.streams.get(streamId) ?? []).filter(
      (event) => event.version >= fromVersion && event.version <= toVersion,
    );
    return Promise.resolve(structuredClone(events.slice(0, limit)));
  }

  append(request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) {
      return this.appendNothing(request);
    }
    const stream = this.streams.get(request.streamId) ?? [];
    const last = stream.at(-1)?.version ?? 0;
    if (last > request.expectedVersion) {
      return Promise.reject(new VersionConflictError(request.streamId, request.expectedVersion));
    }
    if (request.command && this.commands.has(request.command.commandId)) {
      return Promise.reject(new CommandAlreadyRecordedError(request.command.commandId));
    }
    const events = versioned(request);
    this.streams.set(request.streamId, [...stream, ...structuredClone(events)]);
    this.keep(request.command);
    return Promise.resolve(events);
  }

  private keep(command: CommandRecord | undefined): void {
    if (command) {
      this.commands.set(command.commandId, structuredClone(command));
    }
  }

  /** An empty decision appends nothing; only its command record, if any, is stored. */
  private async appendNothing(request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.command) {
      await this.recordCommand(request.command);
    }
    return [];
  }

  getCommand(commandId: string): Promise<CommandRecord | undefined> {
    return Promise.resolve(structuredClone(this.commands.get(commandId)));
  }

  recordCommand(command: CommandRecord): Promise<void> {
    if (this.commands.has(command.commandId)) {
      return Promise.reject(new CommandAlreadyRecordedError(command.commandId));
    }
    this.commands.set(command.commandId, structuredClone(command));
    return Promise.resolve();
  }
}
