// The Parley reference backend as a Hono app: REST contract v1 (parley-contract's
// openapi.yaml) and the admin API under the base path, /healthz beside it. Handlers use
// web-standard Request/Response; Node specifics (the socket's address) are optional, so
// `app.request()` drives it in tests without a socket.
import {Hono} from 'hono';
import {HTTPException} from 'hono/http-exception';
import {secureHeaders} from 'hono/secure-headers';
import type {Config} from './config.js';
import type {AppEnv, Deps} from './env.js';
import {HttpError, badRequest, notFound} from './errors.js';
import {EventHub} from './live/hub.js';
import {LogSummary, quietLog} from './log.js';
import type {Log} from './log.js';
import {clientAddress} from './middleware/client.js';
import {corsPolicy} from './middleware/cors.js';
import {RateLimiter, rateLimit} from './middleware/rate-limit.js';
import {requestId, requestLog} from './middleware/request-log.js';
import {clientWentAway} from './request.js';
import {adminRoutes} from './routes/admin.js';
import {commentRoutes} from './routes/comments.js';
import {consolePage} from './routes/console.js';
import {countRoutes} from './routes/counts.js';
import {eventRoutes} from './routes/events.js';
import {healthRoutes} from './routes/health.js';
import {StorageUnavailable} from './storage/index.js';
import type {Storage} from './storage/index.js';

export interface ParleyApp {
  app: Hono<AppEnv>;
  /** The event streams open on this instance. */
  hub: EventHub;
  /** Stops relaying the storage's announcements to the streams. */
  dispose(): void;
}

/** Builds the app on a storage that is open and migrated. */
export function createApp({
  config,
  storage,
  log = quietLog,
  now = Date.now,
}: {
  config: Config;
  storage: Storage;
  log?: Log;
  /** The clock of edit windows (tests move it). */
  now?: () => number;
}): ParleyApp {
  const hub = new EventHub();
  const stopRelay = storage.onPublished({published: (p) => hub.publish(p), missed: () => hub.missed()});
  // While the database is down every request fails the same way: one line, then a summary a minute.
  const unavailable = new LogSummary(log.warn, 'database unavailable: answered 503');
  const disposers = [stopRelay, () => hub.dispose(), () => unavailable.close()];
  const deps: Deps = {
    config,
    storage,
    log,
    hub,
    reads: rateLimit(new RateLimiter(config.rateReads), log),
    posts: rateLimit(new RateLimiter(config.ratePosts), log),
    reactions: rateLimit(new RateLimiter(config.ratePosts), log),
    now,
    onDispose: (fn) => disposers.push(fn),
  };

  const api = new Hono<AppEnv>();
  api.use(
    '*',
    corsPolicy(config.corsOrigins),
    // JSON only: nothing on these routes is ever a page, a frame or a script. The headers
    // that matter for an API (OWASP's REST cheat sheet); those for pages are left out.
    secureHeaders({
      contentSecurityPolicy: {defaultSrc: ["'none'"], frameAncestors: ["'none'"]},
      xContentTypeOptions: true,
      referrerPolicy: true,
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      // Left to the TLS-terminating proxy, which knows whether every subdomain has HTTPS.
      strictTransportSecurity: false,
    }),
    async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    }
  );
  api.route('/', commentRoutes(deps));
  api.route('/', eventRoutes(deps));
  api.route('/', countRoutes(deps));
  api.route('/admin', adminRoutes(deps));

  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  if (config.logLevel === 'debug') app.use('*', requestLog(log));
  app.use('*', clientAddress(config.trustProxy));
  app.route(config.basePath, api);
  app.route('/', healthRoutes(deps));
  app.route('/admin', consolePage(deps));
  app.notFound(() => notFound().toResponse());
  app.onError((error, c) => {
    if (error instanceof HttpError) return error.toResponse();
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof StorageUnavailable) {
      unavailable.add(c.var.client, {reqId: c.var.requestId, method: c.req.method, path: c.req.path, err: error.message});
      return new HttpError(503, 'server', 'The comment database is not answering; try again shortly.', undefined, {
        'Retry-After': '5',
      }).toResponse();
    }
    if (clientWentAway(c)) {
      // Nobody reads this answer; the request line (at debug) records it as a 400.
      log.debug(`${c.req.method} ${c.req.path}: the client went away before its request was read (${error.message})`, {
        reqId: c.var.requestId,
        client: c.var.client,
      });
      return badRequest('The request ended before its body did.').toResponse();
    }
    log.error(`${c.req.method} ${c.req.path} failed`, {
      reqId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      err: error,
    });
    return new HttpError(500, 'server', 'The server failed; try again later.').toResponse();
  });

  return {app, hub, dispose: () => disposers.forEach((fn) => fn())};
}
