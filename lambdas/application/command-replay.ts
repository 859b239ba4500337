import { CommandAlreadyRecordedError, type EventStore } from '../event-store/event-store.js';

/** Raised when a racing request recorded the same idempotency key first: replay its response. */
export class CommandReplayRequired extends Error {
  override readonly name = 'CommandReplayRequired';
  constructor(readonly commandId: string) {
    super(`Command ${commandId} was recorded by a concurrent request`);
  }
}

/** Turns the store's "key already recorded" into the service's "replay the recorded response". */
export const replayIfRecorded = (error: unknown): unknown =>
  error instanceof CommandAlreadyRecordedError ? new CommandReplayRequired(error.commandId) : error;

/** Throws CommandReplayRequired when the command's idempotency key is already recorded. */
export const replayIfRecordedMeanwhile = async (
  store: EventStore,
  commandId: string | undefined,
): Promise<void> => {
  if (commandId !== undefined && (await store.getCommand(commandId))) {
    throw new CommandReplayRequired(commandId);
  }
};
