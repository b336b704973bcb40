#!/usr/bin/env node
// Starts the Parley reference backend:   node demo/server/main.js [--demo] [--help]
// Configuration: config.js (environment variables and flags), documented in README.md.
import {once} from 'node:events';
import {existsSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {serve} from '@hono/node-server';
import {ConfigError, loadConfig, usage} from './config.js';
import {openStorage} from './storage/index.js';

const LEVELS = {debug: 10, info: 20, warn: 30, error: 40};

/** One line per event: `2026-01-02T03:04:05.678Z INFO  message`. */
export function createLog(level = 'info', write = (line) => process.stderr.write(`${line}\n`)) {
  const min = LEVELS[level] ?? LEVELS.info;
  const at = (name) => (message) => {
    if (LEVELS[name] >= min) write(`${new Date().toISOString()} ${name.toUpperCase().padEnd(5)} ${message}`);
  };
  return {debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error')};
}

/** Copies the demo thread (demo/seed.js, shared with the local-adapter demo) into storage once. */
async function seedDemo(storage, log) {
  if (await storage.meta('demo_seeded')) return;
  const {seed} = await import('../seed.js');
  for (const [thread, comments] of Object.entries(seed)) {
    for (const c of comments) {
      await storage.create({
        key: `seed:${c.id}`,
        fingerprint: `seed:${c.id}`,
        thread,
        parentId: c.parentId ?? null,
        name: c.author.name,
        email: null,
        body: c.body,
        status: 'published',
        authorHash: null,
        authorToken: null,
        id: c.id,
        createdAt: c.createdAt,
      });
    }
    log.info(`demo: seeded thread ${JSON.stringify(thread)} with ${comments.length} comments`);
  }
  await storage.meta('demo_seeded', new Date().toISOString());
}

/**
 * Opens the storage, builds the app and listens.
 * @param {import('./config.js').Config} config
 * @param {{log?: ReturnType<typeof createLog>}} [options]
 * @returns {Promise<{url: string, port: number, storage: import('./storage/index.js').Storage,
 *   close: (reason?: string) => Promise<void>}>}
 */
export async function startServer(config, {log = createLog(config.logLevel)} = {}) {
  if (!existsSync(fileURLToPath(new URL('../../dist/rules/count.js', import.meta.url)))) {
    throw new ConfigError('dist/rules/count.js is missing: run `npm run build` first (the server uses the widget\'s counting rule).');
  }
  const {createApp} = await import('./app.js');
  const storage = await openStorage(config, {log: log.info});
  log.info(`storage: ${storage.kind} ${storage.description}, migrations at v${storage.schemaVersion}`);
  if (config.demo) await seedDemo(storage, log);

  const ttlMs = config.idempotencyHours * 3600_000;
  const purge = async () => {
    try {
      const n = await storage.purgeKeys(new Date(Date.now() - ttlMs));
      if (n) log.info(`idempotency: forgot ${n} keys older than ${config.idempotencyHours} h`);
    } catch (error) {
      log.warn(`idempotency: purge failed: ${error.message}`);
    }
  };
  await purge();
  const purgeTimer = setInterval(purge, 3600_000);
  purgeTimer.unref();

  const handle = createApp({config, storage, log});
  let inFlight = 0;
  const server = /** @type {import('node:http').Server} */ (serve({fetch: handle.app.fetch, port: config.port, hostname: config.host}));
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  await once(server, 'listening');
  const {port} = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  log.info(
    `moderation ${config.moderation}; admin API ${config.adminToken ? 'on' : 'off (set ADMIN_TOKEN)'}; ` +
      `CORS ${config.corsOrigins.length ? config.corsOrigins.join(' ') : 'same origin only'}; ` +
      `rate limits ${config.ratePosts || 'no limit'} posts/min, ${config.rateReads || 'no limit'} reads/min per client`
  );
  log.info(`listening on ${url}  (API ${url}${config.basePath})`);
  if (config.demo) log.info(`demo: ${url}/demo/live.html  (two windows see each other's comments live)`);

  let closing = null;
  const close = (reason = 'shutdown') => {
    closing ??= (async () => {
      log.info(`${reason}: refusing new connections, finishing ${Math.max(0, inFlight - handle.openStreams)} in-flight requests, closing ${handle.openStreams} event streams`);
      const closed = new Promise((resolve) => server.close(() => resolve()));
      handle.closeStreams();
      // Keep-alive connections become idle once their request is answered: close them then.
      // With no request left at all, whatever connections remain carry nothing: close them.
      const sweep = () => (inFlight <= 0 ? server.closeAllConnections() : server.closeIdleConnections());
      const idle = setInterval(sweep, 50);
      sweep();
      const deadline = setTimeout(() => {
        log.warn(`shutdown: ${inFlight} requests still running after ${config.shutdownTimeoutMs} ms; cutting their connections`);
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await closed;
      clearInterval(idle);
      clearTimeout(deadline);
      clearInterval(purgeTimer);
      handle.dispose();
      await storage.close();
      log.info('stopped');
    })();
    return closing;
  };

  return {url, port, storage, close};
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`parley: ${error.message}`);
    process.exit(2);
  }
  if (config.help) {
    console.log(usage());
    return;
  }
  const log = createLog(config.logLevel);
  let server;
  try {
    server = await startServer(config, {log});
  } catch (error) {
    log.error(`could not start: ${error instanceof ConfigError ? error.message : error?.stack ?? error}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  if (config.stopOnStdinClose) {
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => void server.close('stdin closed').then(() => process.exit(0)));
    process.stdin.on('error', () => void server.close('stdin closed').then(() => process.exit(0)));
  }
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (++signals > 1) {
        log.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      server.close(`${signal}`).then(
        () => process.exit(0),
        (error) => {
          log.error(`shutdown failed: ${error?.stack ?? error}`);
          process.exit(1);
        }
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
