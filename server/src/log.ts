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

/**
 * Says the first of a kind of event at once, then sums the next ones up: at most one line
 * per `windowMs`, with how many there were and the clients they came from (the busiest
 * ten). For events a client can cause at will, such as refused logins, so that they
 * cannot flood the log.
 */
export class LogSummary {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param write where the lines go, e.g. `log.warn`
   * @param what the event as its first line says it, e.g. `admin: refused a request`
   */
  constructor(
    private readonly write: (message: string, fields?: LogFields) => void,
    private readonly what: string,
    readonly windowMs = 60_000
  ) {}

  /** One more event from `client`. */
  add(client: string, fields: LogFields = {}): void {
    if (!this.timer) {
      this.write(`${this.what} from ${client}; more are summed up every ${this.windowMs / 1000} s`, {...fields, client});
      this.open();
      return;
    }
    this.total++;
    // However many clients there are, only so many are told apart.
    if (this.counts.has(client) || this.counts.size < 1000) this.counts.set(client, (this.counts.get(client) ?? 0) + 1);
  }

  /** Writes the summary of what is counted, if anything is. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.total) return;
    const busiest = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
    const from = busiest.map(([client, n]) => `${client} ×${n}`).join(', ');
    const others = this.counts.size > busiest.length ? ` and ${this.counts.size - busiest.length} more clients` : '';
    this.write(`${this.what}: ${this.total} more in the last ${this.windowMs / 1000} s, from ${from}${others}`, {
      count: this.total,
      clients: Object.fromEntries(busiest),
    });
    this.total = 0;
    this.counts.clear();
    // The next line comes a window later at the earliest.
    this.open();
  }

  /** Writes what is counted and stops. */
  close(): void {
    this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(): void {
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref();
  }
}
