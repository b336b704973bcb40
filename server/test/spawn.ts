// Starts parley-server (the built dist/cli.js, as a deployment runs it) as a child process
// on 127.0.0.1, on a free port, with a temporary data folder: for the tests that need a
// real process (signals, shutdown, restarts, several instances) and for the benchmark.
// The child also stops when this process goes away (it watches its stdin).
import {spawn} from 'node:child_process';
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ENV_NAMES} from '../src/config.js';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A line of the server's log (LOG_FORMAT=json): time, level, msg and the line's fields. */
export interface LogRecord {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

/** The record a JSON log line holds; null for any other line. */
export function logRecord(line: string): LogRecord | null {
  try {
    const record = JSON.parse(line) as unknown;
    return typeof record === 'object' && record !== null && 'msg' in record ? (record as LogRecord) : null;
  } catch {
    return null;
  }
}

export interface SpawnOptions {
  /** Added to this process's environment, whose Parley settings are cleared first. */
  env?: Record<string, string>;
  args?: string[];
  /** Default: a new temporary folder, removed by `stop()`. */
  dataDir?: string;
  timeoutMs?: number;
  /** Echo the server's lines to standard error. */
  verbose?: boolean;
  /** The script to run (default parley-server's dist/cli.js). */
  script?: string;
}

export interface SpawnedServer {
  url: string;
  /** `${url}/api/v1` */
  api: string;
  dataDir: string;
  child: ChildProcessWithoutNullStreams;
  /** Every line the server wrote so far. */
  lines: string[];
  /** Those lines, read (LOG_FORMAT=json, the default). */
  records(): LogRecord[];
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
  /** Sends `signal` (default SIGTERM), waits for the exit, removes a temporary data folder. */
  stop(signal?: NodeJS.Signals): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

/** Needs the server's info-level "listening on" line (JSON): do not pass LOG_LEVEL=warn or error, or LOG_FORMAT=text. */
export async function spawnServer({
  env = {},
  args = [],
  dataDir,
  timeoutMs = 15_000,
  verbose = false,
  script = CLI,
}: SpawnOptions = {}): Promise<SpawnedServer> {
  const ownDir = !dataDir;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !ENV_NAMES.includes(k)));
  const child = spawn(
    process.execPath,
    [script, '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--stop-on-stdin-close', ...args],
    {
      env: {...clean, ...env},
      stdio: ['pipe', 'pipe', 'pipe'],
    }
  );
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (verbose) process.stderr.write(`[server] ${line}\n`);
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.once('exit', (code, signal) => resolve({code, signal}))
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start within ${timeoutMs} ms:\n${lines.join('\n')}`)),
      timeoutMs
    );
    const check = () => {
      const found = lines.map((l) => logRecord(l)?.url).find((u) => typeof u === 'string');
      if (typeof found === 'string') {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stderr.on('data', check);
    child.stdout.on('data', check);
    void exited.then(({code, signal}) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before listening:\n${lines.join('\n')}\n${partial}`));
    });
  });

  let stopped: ReturnType<SpawnedServer['stop']> | undefined;
  return {
    url,
    api: `${url}/api/v1`,
    dataDir: dir,
    child,
    lines,
    records: () => lines.map(logRecord).filter((r) => r !== null),
    exited,
    stop(signal = 'SIGTERM') {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const result = await exited;
        if (ownDir) rmSync(dir, {recursive: true, force: true});
        return result;
      })();
      return stopped;
    },
  };
}
