// The command around the server: configuration from flags and environment, `--help`, a
// clear message and exit code 2 for bad settings, graceful shutdown on SIGTERM, SIGINT or
// (with --stop-on-stdin-close) the end of standard input. `parley-server` is this; the
// repository's demo runs it too, with its pages added.
import {ConfigError, loadConfig, usage} from './config.js';
import {createLog} from './log.js';
import {startServer} from './server.js';
import type {RunningServer, StartOptions} from './server.js';

export interface MainOptions {
  /** The command's name in `--help`. */
  command?: string;
  /** Routes of one's own (see {@link StartOptions.extend}). */
  extend?: StartOptions['extend'];
  argv?: string[];
}

/** Runs the server until it is told to stop; exits the process then. */
export async function main({command = 'parley-server', extend, argv}: MainOptions = {}): Promise<RunningServer | undefined> {
  let config;
  try {
    config = loadConfig({argv});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exit(2);
  }
  if (config.help) {
    console.log(usage(command));
    return undefined;
  }
  const log = createLog(config.logLevel, undefined, config.logFormat);
  let server: RunningServer;
  try {
    server = await startServer(config, {log, extend});
  } catch (error) {
    log.error(`could not start: ${error instanceof ConfigError ? error.message : String(error)}`, {
      err: error instanceof ConfigError ? undefined : error,
    });
    process.exit(error instanceof ConfigError ? 2 : 1);
  }

  const stop = (reason: string) =>
    server.close(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`shutdown failed: ${String(error)}`, {err: error});
        process.exit(1);
      }
    );
  if (config.stopOnStdinClose) {
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => void stop('stdin closed'));
    process.stdin.on('error', () => void stop('stdin closed'));
  }
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (++signals > 1) {
        log.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      void stop(signal);
    });
  }
  return server;
}
