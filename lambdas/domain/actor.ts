declare const systemAuthority: unique symbol;

/**
 * A person acting through a verified token. `subject` is the token's `sub`, opaque: no value of it
 * (`system:ledger` included) names the system or another user.
 */
export interface UserActor {
  readonly kind: 'user';
  readonly subject: string;
}

/** The internal flows that may act without a user: each gets only the commands it needs. */
export type SystemProcess = 'transfer-process' | 'erasure';

/**
 * The service itself. Only `systemActor` (in `system-actor.ts`, importable only by the transfer
 * process and the erasure flow) makes one; the brand keeps an object literal from passing for it.
 */
export interface SystemActor {
  readonly kind: 'system';
  readonly process: SystemProcess;
  readonly [systemAuthority]: true;
}

/** Who issues a command: a user from a verified token, or the system. */
export type Actor = UserActor | SystemActor;

/** The user a verified token names. */
export const userActor = (subject: string): UserActor => ({ kind: 'user', subject });

/** Whether the actor is the user who owns something owned by `ownerId`. */
export const isOwner = (actor: Actor, ownerId: string): boolean =>
  actor.kind === 'user' && actor.subject === ownerId;
