import { randomBytes } from 'node:crypto';

/** A W3C Trace Context position: the trace, the span that is the parent of what comes next, flags. */
export interface TraceContext {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: string;
}

// version-traceid-parentid-flags, lower-case hex; later versions may append fields after a dash.
const header = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-\S*)?$/;
const allZero = /^0+$/;
const anyAllZero = (...ids: string[]): boolean => ids.some((id) => allZero.test(id));

/**
 * Parses a `traceparent` header (https://www.w3.org/TR/trace-context/#traceparent-header); anything
 * invalid (version ff, all-zero ids, upper case, a version 00 header with extra fields, two headers
 * joined by a comma) is undefined, and the caller starts a new trace.
 */
export const parseTraceparent = (value: string | undefined): TraceContext | undefined => {
  const match = header.exec(value?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  // The expression guarantees the first four groups; the fifth is optional.
  const [version, traceId, parentId, flags, rest] = match.slice(1) as [
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  const invalid =
    version === 'ff' || (version === '00' && rest !== undefined) || anyAllZero(traceId, parentId);
  // Only the bits version 00 defines (sampled, random) are passed on.
  const known = (Number.parseInt(flags, 16) & 0x03).toString(16).padStart(2, '0');
  return invalid ? undefined : { traceId, parentId, flags: known };
};

export const formatTraceparent = ({ traceId, parentId, flags }: TraceContext): string =>
  `00-${traceId}-${parentId}-${flags}`;

// Random bytes drawn a pool at a time: one randomBytes call costs about as much as 20 ids taken
// from a pool, and a request takes two. Each byte is used once; trace ids are not secrets.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let taken = 0;

const hex = (bytes: number): string => {
  if (taken + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  const id = pool.toString('hex', taken, taken + bytes);
  taken += bytes;
  return allZero.test(id) ? hex(bytes) : id;
};

/**
 * The traceparent of a new unit of work: a child span of a valid caller's (or stored event's)
 * traceparent, or the first span of a new trace when there is none (sampled: we log every one).
 */
export const continueTrace = (parent: string | undefined): string => {
  const context = parseTraceparent(parent);
  return formatTraceparent({
    traceId: context?.traceId ?? hex(16),
    parentId: hex(8),
    flags: context?.flags ?? '01',
  });
};
