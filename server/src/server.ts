// Runs the app on Node's HTTP server: opens the storage, listens, purges old idempotency
// keys, and shuts down gracefully (requests in flight finish, event streams end).
import {once} from 'node:events';
import type {Server} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {serve} from '@hono/node-server';
import type {Hono} from 'hono';
import {createApp} from './app.js';
import type {Config} from './config.js';
import type {AppEnv} from './env.js';
import {LogSummary, createLog} from './log.js';
import type {Log} from './log.js';
import {openStorage} from './storage/index.js';
import type {Storage} from './storage/index.js';

export interface RunningServer {
  /** `http://host:port`, the port chosen when the configuration said 0. */
  url: string;
  port: number;
  storage: Storage;
  /** Stops accepting connections, lets requests in flight finish, ends event streams, closes the storage. */
  close(reason?: string): Promise<void>;
}

export interface StartOptions {
  log?: Log;
  /**
   * Adds routes of one's own to the app before it listens (the demo adds its pages), and
   * may fill the storage first. Routes under the base path belong to the contract.
   */
  extend?: (app: Hono<AppEnv>, context: {storage: Storage; log: Log}) => void | Promise<void>;
}

/**
 * Closes, as soon as it is made, every connection of an address that holds `max` open
 * already (counted before Node's HTTP server sees it, so it reads nothing from it), and
 * tells `refused`.
 */
function capConnections(server: Server, max: number, refused: (client: string) => void): void {
  const open = new Map<string, number>();
  server.prependListener('connection', (socket: Socket) => {
    const client = socket.remoteAddress;
    if (client === undefined) return;
    const held = open.get(client) ?? 0;
    if (held >= max) {
      socket.destroy();
      refused(client);
      return;
    }
    open.set(client, held + 1);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

export async function startServer(
  config: Config,
  {log = createLog(config.logLevel, undefined, config.logFormat), extend}: StartOptions = {}
): Promise<RunningServer> {
  const storage = await openStorage(config, {log: log.info, warn: log.warn});
  log.info(`storage: ${storage.kind} ${storage.description}, migrations at v${storage.schemaVersion}`, {
    storage: storage.kind,
    schemaVersion: storage.schemaVersion,
  });

  const ttlMs = config.idempotencyHours * 3600_000;
  const purge = async () => {
    try {
      const n = await storage.purgeKeys(new Date(Date.now() - ttlMs));
      if (n) log.info(`idempotency: forgot ${n} keys older than ${config.idempotencyHours} h`);
    } catch (error) {
      log.warn(`idempotency: purge failed: ${(error as Error).message}`);
    }
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), 3600_000);
  purgeTimer.unref();

  const parley = createApp({config, storage, log});
  await extend?.(parley.app, {storage, log});
  let inFlight = 0;
  const server = serve({
    fetch: parley.app.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: {
      // Node's defaults (60 s for the headers, 300 s for a request) let a client that
      // sends a byte now and then (slowloris) hold a connection for minutes.
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // How often those are checked (Node: every 30 s, so they would be up to 30 s late).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
  }) as Server;
  // Behind proxies every connection comes from one of them: they cap per client, not we.
  const capped = config.maxConnectionsPerClient > 0 && config.trustProxy === 0;
  const overCap = new LogSummary(
    log.warn,
    `connections: closed one over MAX_CONNECTIONS_PER_CLIENT=${config.maxConnectionsPerClient}`
  );
  if (capped) capConnections(server, config.maxConnectionsPerClient, (client) => overCap.add(client));
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  await once(server, 'listening');
  const {port} = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  log.info(
    `moderation ${config.moderation}; admin API ${config.adminToken ? 'on' : 'off (set ADMIN_TOKEN)'}; ` +
      `CORS ${config.corsOrigins.length ? config.corsOrigins.join(' ') : 'same origin only'}; ` +
      `rate limits ${config.ratePosts || 'no limit'} posts/min, ${config.rateReads || 'no limit'} reads/min per client; ` +
      `connections ${capped ? `at most ${config.maxConnectionsPerClient}` : 'not capped'} per client`
  );
  log.info(`listening on ${url}  (API ${url}${config.basePath})`, {url, api: `${url}${config.basePath}`});

  let closing: Promise<void> | undefined;
  const close = (reason = 'shutdown') => {
    closing ??= (async () => {
      const streams = parley.hub.size;
      log.info(
        `${reason}: refusing new connections, finishing ${Math.max(0, inFlight - streams)} in-flight requests, closing ${streams} event streams`
      );
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      parley.hub.closeAll();
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
      parley.dispose();
      overCap.close();
      await storage.close();
      log.info('stopped');
    })();
    return closing;
  };

  return {url, port, storage, close};
}
