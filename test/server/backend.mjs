// REST contract v1 on the browser tests' own origin, as a Koa middleware of the
// web-test-runner dev server:
//
//   /api/v1/…                 proxied, as it comes, to the reference backend (parley-server,
//                             started by web-test-runner.config.mjs)
//   /api/fault/{kind}/…       the same routes, answering with a chosen fault instead
//                             (`lost-answer` has the backend do the work — a post, an edit, a
//                             deletion, a like, a report — then drops the answer)
//   /api/outage/{id}/…        the same routes, as long as outage {id} is not on: /api/outage/{id}/down
//                             cuts its open connections and answers 502 until /api/outage/{id}/up;
//                             /api/outage/{id}/hits counts the event streams asked for
import {request} from 'node:http';
import {errorBody} from 'parley-contract';

const FAULT = /^\/api\/fault\/([^/]+)(\/.*)?$/;
const OUTAGE = /^\/api\/outage\/([\w-]+)(\/.*)?$/;

function sendJson(ctx, status, payload) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(payload);
}

/** Reads the raw request body; resolves to null when the client went away first. */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
    req.on('close', () => req.complete || resolve(null));
  });
}

/**
 * Takes the response away from Koa: nothing is sent unless we write it. The status is
 * only for the server's own bookkeeping (the test runner reports every 404 as a missing
 * file): nginx's 444 "closed without answering" and 499 "client went away".
 */
function noAnswer(ctx, status) {
  ctx.respond = false;
  ctx.status = status;
}

/** Resolves once the client has gone away (aborted, closed the socket) or the response ended. */
const closed = (res) =>
  new Promise((resolve) => (res.writableFinished || res.destroyed ? resolve() : res.once('close', resolve)));

/** Which route of the contract a path below the base names. */
function routeOf(method, path) {
  const parts = path.split('/').slice(1);
  if (parts.length === 3 && parts[0] === 'threads' && parts[2] === 'comments') return method === 'POST' ? 'post' : 'list';
  if (parts.length === 1 && parts[0] === 'counts') return 'counts';
  // One comment (edit, delete, locate) and its like.
  if (parts.length === 4 && parts[0] === 'threads' && parts[2] === 'comments') return 'comment';
  if (parts.length === 6 && parts[0] === 'threads' && parts[4] === 'reactions' && parts[5] === 'like') return 'react';
  if (parts.length === 5 && parts[0] === 'threads' && parts[4] === 'reports') return 'report';
  return null;
}

/**
 * Passes the request to the reference backend as it came (raw path, headers, body) and its
 * answer back as it comes, streams included (the `events` route).
 */
function proxy(ctx, upstream, path = ctx.req.url) {
  ctx.respond = false;
  return new Promise((resolve) => {
    const target = new URL(upstream);
    const out = request({host: target.hostname, port: target.port, method: ctx.method, path, headers: ctx.req.headers}, (res) => {
      ctx.status = res.statusCode; // bookkeeping only: the answer is written below
      ctx.res.writeHead(res.statusCode, res.headers);
      res.pipe(ctx.res);
      res.on('end', resolve);
      res.on('error', resolve);
    });
    out.on('error', () => {
      ctx.res.destroy();
      resolve();
    });
    ctx.res.on('close', () => {
      out.destroy();
      resolve();
    });
    ctx.req.pipe(out);
  });
}

/** Sends a write (its method, headers and body) to the reference backend and waits until it has answered. */
async function forward(upstream, path, ctx, raw) {
  const headers = {};
  for (const name of ['content-type', 'idempotency-key', 'x-parley-author', 'x-parley-secret']) {
    if (ctx.get(name)) headers[name] = ctx.get(name);
  }
  try {
    const res = await fetch(`${upstream}/api/v1${path}`, {method: ctx.method, headers, body: raw ?? undefined});
    await res.arrayBuffer();
  } catch {
    // The answer is lost either way.
  }
}

/** Answers a request to a contract route with the fault `kind`. */
async function fault(ctx, kind, route, path, upstream) {
  // The request is read first (as a server would), except by the faults that never read it.
  const raw = ['hang', 'reset'].includes(kind) || !['POST', 'PATCH', 'PUT'].includes(ctx.method) ? null : await readBody(ctx.req);
  // A well-formed comment, and the same with a number for a body.
  const good = {
    id: 'f1',
    threadId: 'x',
    parentId: null,
    author: {name: 'Fault'},
    body: 'x'.repeat(50),
    createdAt: new Date().toISOString(),
    status: 'published',
  };
  const bad = {...good, body: 42};
  const answer = (c) => (route === 'list' ? {comments: [c], nextCursor: null, total: 1} : route === 'post' ? c : {counts: {}});
  switch (kind) {
    case 'e400':
      return sendJson(ctx, 400, errorBody('invalid', 'Bad request (fault).'));
    case 'e422':
      return sendJson(ctx, 422, errorBody('too_short', 'Too short (fault).', 'body'));
    case 'e429':
      ctx.set('Retry-After', '7');
      return sendJson(ctx, 429, errorBody('rate_limited', 'Slow down (fault).'));
    case 'e500':
      return sendJson(ctx, 500, errorBody('server', 'It broke (fault).'));
    case 'e413':
      ctx.status = 413;
      ctx.type = 'text/plain';
      ctx.body = 'Request Entity Too Large';
      return;
    case 'html500':
      ctx.status = 500;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1><p>nginx</p>';
      return;
    case 'html404':
      ctx.status = 404;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>404 Not Found</title><h1>Not Found</h1>';
      return;
    case 'truncated': {
      // A complete HTTP response (right Content-Length) whose JSON stops half-way.
      const full = JSON.stringify(answer(good));
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = full.slice(0, Math.floor(full.length / 2));
      return;
    }
    case 'wrong-shape':
      return sendJson(ctx, 200, {items: []});
    case 'bad-comment':
      return sendJson(ctx, route === 'post' ? 201 : 200, answer(bad));
    case 'hang': {
      // Never answer; end our side as soon as the client gives up, and in any case after a minute.
      noAnswer(ctx, 499);
      const timer = setTimeout(() => ctx.res.destroy(), 60_000);
      await closed(ctx.res);
      clearTimeout(timer);
      ctx.res.destroy();
      return;
    }
    case 'lost-answer':
      // The backend does the work, then the answer is lost on the way back.
      if ((route === 'post' && raw) || (['comment', 'react', 'report'].includes(route) && ctx.method !== 'GET'))
        await forward(upstream, path, ctx, raw);
    // falls through
    case 'reset':
      noAnswer(ctx, 444);
      ctx.req.socket.destroy();
      return;
    default:
      return sendJson(ctx, 404, errorBody('invalid', `Unknown fault kind ${kind}.`));
  }
}

/** @param {{upstream: string}} options  origin of the running reference backend, e.g. http://127.0.0.1:41234 */
export function restBackend({upstream}) {
  /** id → {down, sockets of its open requests, event streams asked for} */
  const outages = new Map();
  const outageOf = (id) => {
    let o = outages.get(id);
    if (!o) outages.set(id, (o = {down: false, sockets: new Set(), hits: 0}));
    return o;
  };
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/v1/')) return proxy(ctx, upstream);
    const outage = OUTAGE.exec(ctx.path);
    if (outage) {
      const o = outageOf(outage[1]);
      const rest = outage[2] ?? '/';
      if (rest === '/down' || rest === '/up') {
        o.down = rest === '/down';
        if (o.down) for (const socket of o.sockets) socket.destroy();
        return sendJson(ctx, 200, {down: o.down});
      }
      if (rest === '/hits') return sendJson(ctx, 200, {hits: o.hits});
      if (rest.endsWith('/events')) o.hits++;
      if (o.down) {
        // What a proxy in front of a stopped backend says (a reset would be retried by the browser).
        ctx.set('Connection', 'close');
        ctx.status = 502;
        ctx.body = 'Bad Gateway';
        return undefined;
      }
      const socket = ctx.req.socket;
      o.sockets.add(socket);
      socket.once('close', () => o.sockets.delete(socket));
      return proxy(ctx, upstream, `/api/v1${rest}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    }
    const m = FAULT.exec(ctx.path);
    if (!m) return next();
    const route = routeOf(ctx.method, m[2] ?? '/');
    if (!route) return sendJson(ctx, 404, errorBody('invalid', 'No such endpoint.'));
    return fault(ctx, m[1], route, m[2], upstream);
  };
}
