import { loadLogSettings, type LogLevel } from '../config.js';
import { jsonLine, textLine, type LogRecord } from './log-line.js';
import { currentLogScope } from './log-scope.js';

type Level = LogRecord['level'];
type Attributes = Readonly<Record<string, unknown>>;

const rank: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 99 };

// The consumer's line per applied event is for following a trace in CloudWatch; a terminal shows
// it only at DEBUG, so a request stays one line there.
const terminalDetail = new Set(['event consumed']);

const write = (level: Level, message: string, attributes: Attributes = {}): void => {
  const settings = loadLogSettings();
  if (rank[level] < rank[settings.level]) {
    return;
  }
  const record = { level, message, time: new Date(), scope: currentLogScope(), attributes };
  if (settings.format === 'text') {
    if (!terminalDetail.has(message) || settings.level === 'DEBUG') {
      process.stdout.write(`${textLine(record)}\n`);
    }
    return;
  }
  process.stdout.write(`${jsonLine(record)}\n`);
};

/**
 * The one logger: a line per call, with the request id, route and traceparent of the work it runs
 * in (lambdas/http/log-scope.ts). Log lines carry ids, codes, statuses and timings only: never
 * request bodies, names, tokens, decrypted values or the messages of foreign errors.
 */
export const logger = {
  debug: (message: string, attributes?: Attributes): void => {
    write('DEBUG', message, attributes);
  },
  info: (message: string, attributes?: Attributes): void => {
    write('INFO', message, attributes);
  },
  warn: (message: string, attributes?: Attributes): void => {
    write('WARN', message, attributes);
  },
  error: (message: string, attributes?: Attributes): void => {
    write('ERROR', message, attributes);
  },
};
