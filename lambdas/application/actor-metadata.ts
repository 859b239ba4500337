import type { Account, AccountCommand, Actor } from '../domain/account/index.js';
import type { EventMetadata } from '../event-store/event-store.js';
import type { IdGenerator } from './ports.js';

/** Whose personal data the events hold: the account's owner, or the opener of a new account. */
export const subjectOf = (command: AccountCommand, state: Account): string => {
  if (state.status !== 'none') {
    return state.ownerId;
  }
  if (command.type === 'OpenAccount') {
    return command.actor.subject;
  }
  throw new Error(`${command.type} decided events on an account that does not exist`);
};

/**
 * The actor as event metadata records it. `actorKind` says who it was, so a user whose subject
 * reads like a system name stays a user in the audit trail; events stored before it existed have
 * no `actorKind` and were all written with the subject (or `system:ledger`) in `actorId`.
 */
const recordedActor = (actor: Actor): Pick<EventMetadata, 'actorId' | 'actorKind'> =>
  actor.kind === 'user'
    ? { actorId: actor.subject, actorKind: 'user' }
    : { actorId: `system:${actor.process}`, actorKind: 'system' };

/** Where a command came from, as its events' metadata records it. */
export const commandMetadata = (
  actor: Actor,
  context: {
    readonly requestId: string;
    readonly correlationId?: string;
    readonly causationId?: string;
    /** The id of a command run once (its command log id); a new id otherwise. */
    readonly commandId?: string | undefined;
    /** The W3C traceparent of the work appending them (docs/adr/0107). */
    readonly traceparent?: string | undefined;
  },
  ids: IdGenerator,
): EventMetadata => {
  const commandId = context.commandId ?? ids.next();
  const { traceparent } = context;
  return {
    ...recordedActor(actor),
    commandId,
    correlationId: context.correlationId ?? context.requestId,
    causationId: context.causationId ?? commandId,
    requestId: context.requestId,
    ...(traceparent === undefined ? {} : { traceparent }),
  };
};
