import type {LogLevel} from './config.js';

const LEVELS: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};

/** Where the server writes what happens. */
export type Log = Record<LogLevel, (message: string) => void>;

/** One line per event on `write` (standard error by default): `2026-01-02T03:04:05.678Z INFO  message`. */
export function createLog(level: LogLevel = 'info', write = (line: string) => void process.stderr.write(`${line}\n`)): Log {
  const min = LEVELS[level];
  const at = (name: LogLevel) => (message: string) => {
    if (LEVELS[name] >= min) write(`${new Date().toISOString()} ${name.toUpperCase().padEnd(5)} ${message}`);
  };
  return {debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error')};
}

/** A log that keeps quiet but for errors (in-process tests). */
export const quietLog: Log = {debug: () => {}, info: () => {}, warn: () => {}, error: (line) => console.error(line)};
