import type {LogFormat, LogLevel} from './config.js';

const LEVELS: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};

/**
 * What a line says besides its message, as fields of their own: `reqId`, `method`, `path`,
 * `status`, `ms`, `client`, `err` (an Error becomes its stack)… Undefined ones are left out.
 */
export type LogFields = Record<string, unknown>;

/** Where the server writes what happens: one call, one line. */
export type Log = Record<LogLevel, (message: string, fields?: LogFields) => void>;

const noop = () => {};

/** A field's value as it is written: an Error as its stack, a bigint as its digits. */
const plain = (_key: string, value: unknown): unknown =>
  value instanceof Error ? (value.stack ?? String(value)) : typeof value === 'bigint' ? String(value) : value;

/** `{"time":"2026-01-02T03:04:05.678Z","level":"info","msg":"…","reqId":"…",…}` */
function jsonLine(level: LogLevel, msg: string, fields: LogFields | undefined): string {
  return JSON.stringify(
    fields ? {time: new Date().toISOString(), level, msg, ...fields} : {time: new Date().toISOString(), level, msg},
    plain
  );
}

/** `2026-01-02T03:04:05.678Z INFO  message key=value key="a value"`, and a stack on the lines below. */
function textLine(level: LogLevel, msg: string, fields: LogFields | undefined): string {
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}`;
  let stack = '';
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    if (value instanceof Error) {
      stack = `\n${value.stack ?? String(value)}`;
      continue;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value, plain);
    line += ` ${key}=${/^[^\s"=]+$/.test(text) ? text : JSON.stringify(text)}`;
  }
  return line + stack;
}

/**
 * A log of the events at `level` and above, one line each on `write` (standard error by
 * default): a JSON object per line (`json`, for log collectors), or `text` for reading in
 * a terminal.
 */
export function createLog(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  format: LogFormat = 'json'
): Log {
  const min = LEVELS[level];
  const line = format === 'text' ? textLine : jsonLine;
  const at = (name: LogLevel) =>
    LEVELS[name] >= min ? (message: string, fields?: LogFields) => write(line(name, message, fields)) : noop;
  return {debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error')};
}

/** A log that keeps quiet but for errors (in-process tests). */
export const quietLog: Log = {
  debug: noop,
  info: noop,
  warn: noop,
  error: (message, fields) => console.error(textLine('error', message, fields)),
};
