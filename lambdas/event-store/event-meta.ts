import type { EventMetadata } from './event-store.js';

/** The envelope of a stored event apart from its keys, type and data. */
export interface EventEnvelope {
  readonly eventId: string;
  readonly schema: number;
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
}

/** A stored `meta` string this code cannot read. */
export class MalformedEventMetaError extends Error {
  override readonly name = 'MalformedEventMetaError';
}

const SYSTEM_PREFIX = 'system:';

// Values never hold a space (the separator): `%` and space are percent-escaped, and a value that
// starts with `*` (a reference to another field) is escaped there too.
const escape = (value: string): string => {
  const escaped =
    value.includes('%') || value.includes(' ') ? value.replace(/[% ]/g, encodeURIComponent) : value;
  return escaped.startsWith('*') ? `%2A${escaped.slice(1)}` : escaped;
};

const unescape = (value: string): string =>
  value.includes('%') ? decodeURIComponent(value) : value;

const actorPair = ({ actorId, actorKind }: EventMetadata): string => {
  if (actorKind === 'user') {
    return `user=${escape(actorId)}`;
  }
  if (actorKind === 'system') {
    return actorId.startsWith(SYSTEM_PREFIX)
      ? `system=${escape(actorId.slice(SYSTEM_PREFIX.length))}`
      : `sysid=${escape(actorId)}`;
  }
  return `actor=${escape(actorId)}`;
};

/** An id that repeats one stored before it is written as a reference (`*cmd`), or not at all. */
const idPair = (
  key: 'corr' | 'cause',
  value: string,
  implied: string,
  named: Readonly<Record<string, string>>,
): string[] => {
  if (value === implied) {
    return [];
  }
  const same = Object.keys(named).find((name) => named[name] === value);
  return [`${key}=${same === undefined ? escape(value) : `*${same}`}`];
};

/**
 * The envelope as one compact, readable string of `key=value` pairs (docs/adr/0160), for example
 * `at=2026-12-01T10:00:00.000Z s=2 id=… user=… cmd=… req=…`. The correlation id is left out when it
 * is the request id and the causation id when it is the command id (the defaults a command gets).
 */
export const encodeMeta = ({ eventId, schema, occurredAt, metadata }: EventEnvelope): string => {
  const { commandId, requestId, traceparent } = metadata;
  const named = { id: eventId, cmd: commandId, req: requestId };
  return [
    `at=${escape(occurredAt)}`,
    `s=${String(schema)}`,
    `id=${escape(eventId)}`,
    actorPair(metadata),
    `cmd=${escape(commandId)}`,
    `req=${escape(requestId)}`,
    ...idPair('corr', metadata.correlationId, requestId, named),
    ...idPair('cause', metadata.causationId, commandId, named),
    ...(traceparent === undefined ? [] : [`tp=${escape(traceparent)}`]),
  ].join(' ');
};

const pairsOf = (meta: string): Map<string, string> => {
  const pairs = new Map<string, string>();
  for (const part of meta.split(' ')) {
    const at = part.indexOf('=');
    if (at <= 0 || pairs.has(part.slice(0, at))) {
      throw new MalformedEventMetaError('An event meta pair is malformed or repeated');
    }
    pairs.set(part.slice(0, at), part.slice(at + 1));
  }
  return pairs;
};

const required = (pairs: Map<string, string>, key: string): string => {
  const value = pairs.get(key);
  if (value === undefined) {
    throw new MalformedEventMetaError(`An event meta string has no ${key}`);
  }
  return unescape(value);
};

const resolved = (pairs: Map<string, string>, key: string, implied: string): string => {
  const value = pairs.get(key);
  if (value === undefined) {
    return implied;
  }
  return value.startsWith('*') ? required(pairs, value.slice(1)) : unescape(value);
};

const actorOf = (pairs: Map<string, string>): Pick<EventMetadata, 'actorId' | 'actorKind'> => {
  const user = pairs.get('user');
  if (user !== undefined) {
    return { actorId: unescape(user), actorKind: 'user' };
  }
  const system = pairs.get('system');
  if (system !== undefined) {
    return { actorId: SYSTEM_PREFIX + unescape(system), actorKind: 'system' };
  }
  const sysid = pairs.get('sysid');
  return sysid === undefined
    ? { actorId: required(pairs, 'actor') }
    : { actorId: unescape(sysid), actorKind: 'system' };
};

/** Reads what `encodeMeta` wrote. */
export const decodeMeta = (meta: string): EventEnvelope => {
  const pairs = pairsOf(meta);
  const schema = Number(required(pairs, 's'));
  const commandId = required(pairs, 'cmd');
  const requestId = required(pairs, 'req');
  const traceparent = pairs.get('tp');
  return {
    eventId: required(pairs, 'id'),
    schema,
    occurredAt: required(pairs, 'at'),
    metadata: {
      ...actorOf(pairs),
      commandId,
      correlationId: resolved(pairs, 'corr', requestId),
      causationId: resolved(pairs, 'cause', commandId),
      requestId,
      ...(traceparent === undefined ? {} : { traceparent: unescape(traceparent) }),
    },
  };
};
