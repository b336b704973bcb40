// Starts the reference backend (demo/server/main.js) as a child process on 127.0.0.1, on a
// free port, with a temporary data folder, for tests, the browser test runner and the
// benchmark. The child also stops when this process goes away (it watches its stdin).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const MAIN = fileURLToPath(new URL('../../demo/server/main.js', import.meta.url));

/**
 * @param {{env?: Record<string, string>, args?: string[], dataDir?: string, keepData?: boolean,
 *   timeoutMs?: number, quiet?: boolean}} [options]
 *   `env` is added to the parent's environment (whose Parley settings are cleared first).
 */
/** Needs the backend's info-level "listening on" line: do not pass LOG_LEVEL=warn or error. */
export async function startBackend({env = {}, args = [], dataDir, keepData = false, timeoutMs = 15_000, quiet = true} = {}) {
  const ownDir = !dataDir;
  dataDir ??= mkdtempSync(join(tmpdir(), 'parley-test-'));
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|STORAGE|DATA_DIR|DATABASE_URL|PG_SCHEMA|BASE_PATH|CORS_ORIGINS|MODERATION|ADMIN_TOKEN|MIN_LENGTH|MAX_LENGTH|MAX_BODY_BYTES|RATE_LIMIT_POSTS|RATE_LIMIT_READS|TRUST_PROXY|IDEMPOTENCY_TTL_HOURS|SSE_KEEPALIVE_SECONDS|SHUTDOWN_TIMEOUT_MS|LOG_LEVEL|DEMO)$/.test(k))
  );
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--stop-on-stdin-close', ...args], {
    env: {...clean, ...env},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines = [];
  let partial = '';
  const onData = (chunk) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop();
    for (const line of parts) {
      lines.push(line);
      if (!quiet) process.stderr.write(`[backend] ${line}\n`);
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({code, signal})));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The backend did not start within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    const check = () => {
      const line = lines.find((l) => / listening on (http:\/\/\S+)/.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(/ listening on (http:\/\/\S+)/.exec(line)[1]);
      }
    };
    child.stderr.on('data', check);
    child.stdout.on('data', check);
    exited.then(({code, signal}) => {
      clearTimeout(timer);
      reject(new Error(`The backend exited (${code ?? signal}) before listening:\n${lines.join('\n')}\n${partial}`));
    });
  });

  let stopped = null;
  return {
    url,
    api: `${url}/api/v1`,
    dataDir,
    child,
    lines,
    exited,
    /** Sends `signal` (default SIGTERM) and waits for the exit; removes a temporary data folder. */
    stop(signal = 'SIGTERM') {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const result = await exited;
        if (ownDir && !keepData) rmSync(dataDir, {recursive: true, force: true});
        return result;
      })();
      return stopped;
    },
  };
}
