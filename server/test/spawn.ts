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
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
  /** Sends `signal` (default SIGTERM), waits for the exit, removes a temporary data folder. */
  stop(signal?: NodeJS.Signals): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

/** Needs the server's info-level "listening on" line: do not pass LOG_LEVEL=warn or error. */
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

  const LISTENING = / listening on (http:\/\/\S+)/;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start within ${timeoutMs} ms:\n${lines.join('\n')}`)),
      timeoutMs
    );
    const check = () => {
      const found = lines.map((l) => LISTENING.exec(l)?.[1]).find(Boolean);
      if (found) {
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
