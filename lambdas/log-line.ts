import type { LogLevel } from './config.js';
import type { LogScope } from './log-scope.js';

/** One thing logged, before it is written in a format. */
export interface LogRecord {
  readonly level: Exclude<LogLevel, 'SILENT'>;
  readonly message: string;
  readonly time: Date;
  readonly scope: LogScope;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The line CloudWatch receives: one JSON object, the scope's keys beside the record's own. */
export const jsonLine = ({ level, message, time, scope, attributes }: LogRecord): string =>
  JSON.stringify({
    level,
    message,
    timestamp: time.toISOString(),
    service: 'ledger',
    ...scope,
    ...attributes,
  });

// Anything else (spaces, quotes, control characters) is quoted, so no value can forge a line.
const bare = /^[\w.:/@{}#+=-]+$/;

const show = (value: unknown): string =>
  typeof value === 'string' && bare.test(value) ? value : JSON.stringify(value);

const traceIdOf = (traceparent: string | undefined): string | undefined =>
  traceparent?.split('-')[1];

const fields = (values: Readonly<Record<string, unknown>>): string =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}=${show(value)}`)
    .join('');

const requestLine = (time: string, scope: LogScope, attributes: LogRecord['attributes']) => {
  const { status, durationMs, ...more } = attributes;
  const trace = traceIdOf(scope.traceparent);
  return (
    `${time} ${scope.route ?? '-'} ${show(status)} ${show(durationMs)}ms ${scope.requestId ?? '-'}` +
    `${trace === undefined ? '' : ` trace=${trace}`}${fields(more)}`
  );
};

/**
 * The line a terminal shows: a request as `12:00:01.234 POST /accounts 201 12ms <request id>
 * trace=<trace id>`, anything else as its level, message and fields, stack frames below it.
 */
export const textLine = ({ level, message, time, scope, attributes }: LogRecord): string => {
  const clock = time.toISOString().slice(11, 23);
  if (message === 'request') {
    return requestLine(clock, scope, attributes);
  }
  const { stack, ...rest } = attributes;
  const { requestId, route, traceparent, ...scoped } = scope;
  const context = fields({ ...scoped, route, requestId, trace: traceIdOf(traceparent) });
  const frames = typeof stack === 'string' ? `\n${stack}` : '';
  return `${clock} ${level.padEnd(5)} ${message}${fields(rest)}${context}${frames}`;
};
