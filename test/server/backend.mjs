// A real HTTP backend of REST contract v1 (see DESIGN.md) for the browser tests, run as a
// Koa middleware of the web-test-runner dev server, so it lives on the tests' own origin.
//
//   /api/v1/…                 the contract: proxied to `upstream` (the reference backend,
//                             demo/server, started by web-test-runner.config.mjs) when
//                             given, else served from an in-memory store
//   /api/fault/{kind}/…       the same routes, answering with a chosen fault instead
//                             (`lost-answer` does the work on the same store, then drops the answer)
//
// Lengths are checked with the project's own counting module (built into dist/ by
// `npm run build`), so this server and the widget can never disagree about a length.
import {randomUUID} from 'node:crypto';
import {request} from 'node:http';
import {checkBody, checkName, normalizeText} from '../../dist/rules/count.js';

const BASE = '/api/v1';
const FAULT = /^\/api\/fault\/([^/]+)(\/.*)?$/;
const RULES = {minLength: 50, maxLength: 5000};
const MAX_REQUEST_BYTES = 64 * 1024;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/** Thrown inside a handler to answer with a contract error. */
class HttpError extends Error {
  constructor(status, code, message, field) {
    super(message);
    Object.assign(this, {status, code, field});
  }
}

/** Thrown when the client went away before its request was read: nobody is left to answer. */
class ClientGone extends Error {}

const errorBody = (code, message, field) => ({error: {code, message, ...(field ? {field} : {})}});

function sendJson(ctx, status, payload) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(payload);
}

/** Reads the raw request body: a string, or null when it is larger than `limit` bytes. */
function readBody(req, limit = MAX_REQUEST_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return resolve(null);
      try {
        resolve(new TextDecoder('utf-8', {fatal: true}).decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, 'invalid', 'The request body is not UTF-8.'));
      }
    });
    req.on('error', () => reject(new ClientGone()));
    req.on('close', () => req.complete || reject(new ClientGone()));
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
const closed = (res) => new Promise((resolve) => (res.writableFinished || res.destroyed ? resolve() : res.once('close', resolve)));

/** Maps a path below the base to a route; thread ids are decoded path segments. */
function match(method, path) {
  const parts = path.split('/').slice(1);
  if (parts.length === 3 && parts[0] === 'threads' && parts[2] === 'comments') {
    let thread;
    try {
      thread = decodeURIComponent(parts[1]);
    } catch {
      throw new HttpError(400, 'invalid', 'The thread id is not valid percent-encoding.');
    }
    if (method === 'GET' || method === 'HEAD') return {action: 'list', thread};
    if (method === 'POST') return {action: 'post', thread};
    throw Object.assign(new HttpError(405, 'invalid', `${method} is not allowed here.`), {allow: 'GET, HEAD, POST'});
  }
  if (parts.length === 1 && parts[0] === 'counts') {
    if (method === 'GET' || method === 'HEAD') return {action: 'counts'};
    throw Object.assign(new HttpError(405, 'invalid', `${method} is not allowed here.`), {allow: 'GET, HEAD'});
  }
  throw new HttpError(404, 'invalid', 'No such endpoint.');
}

/**
 * Passes the request to the reference backend as it came (raw path, headers, body) and its
 * answer back as it comes, streams included (the `events` route).
 */
function proxy(ctx, upstream) {
  ctx.respond = false;
  return new Promise((resolve) => {
    const target = new URL(upstream);
    const out = request({host: target.hostname, port: target.port, method: ctx.method, path: ctx.req.url, headers: ctx.req.headers}, (res) => {
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

/** POSTs a request body to the reference backend and waits for it to be handled. */
async function forwardPost(upstream, path, ctx, raw) {
  const headers = {};
  for (const name of ['content-type', 'idempotency-key', 'x-parley-author']) {
    if (ctx.get(name)) headers[name] = ctx.get(name);
  }
  try {
    const res = await fetch(`${upstream}${BASE}${path}`, {method: 'POST', headers, body: raw ?? ''});
    await res.arrayBuffer();
  } catch {
    // The answer is lost either way.
  }
}

/**
 * @param {{upstream?: string}} [options]  `upstream`: origin of a running reference backend
 *   (for example http://127.0.0.1:41234) that serves /api/v1; without it, an in-memory store.
 */
export function restBackend({upstream} = {}) {
  /** thread id -> {records: [{comment, seq, root}] in creation order, keys: Map<key, comment>} */
  const threads = new Map();
  let seq = 0;

  const threadOf = (id) => {
    let t = threads.get(id);
    if (!t) threads.set(id, (t = {records: [], keys: new Map()}));
    return t;
  };

  // Keyset pagination over top-level comments: the cursor names the last one shown, so a
  // comment posted while a reader pages does not shift or repeat the pages.
  const encodeCursor = (n) => Buffer.from(`after:${n}`).toString('base64url');
  const decodeCursor = (c) => {
    const m = /^after:(\d+)$/.exec(Buffer.from(c, 'base64url').toString());
    if (!m) throw new HttpError(400, 'invalid', 'The cursor is not valid.', 'cursor');
    return Number(m[1]);
  };

  function list(id, params) {
    const limitParam = params.get('limit');
    const limit = limitParam === null ? DEFAULT_LIMIT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'invalid', 'limit is not a positive integer.', 'limit');
    const sort = params.get('sort') ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') throw new HttpError(400, 'invalid', 'sort is oldest or newest.', 'sort');
    const cursor = params.get('cursor');
    const after = cursor ? decodeCursor(cursor) : null;

    const records = threads.get(id)?.records ?? [];
    let roots = records.filter((r) => r.root === null);
    if (sort === 'newest') roots.reverse();
    if (after !== null) roots = roots.filter((r) => (sort === 'oldest' ? r.seq > after : r.seq < after));
    const page = roots.slice(0, Math.min(limit, MAX_LIMIT));
    const more = roots.length > page.length;
    return {
      comments: page.flatMap((root) => [root.comment, ...records.filter((r) => r.root === root.comment.id).map((r) => r.comment)]),
      nextCursor: more ? encodeCursor(page.at(-1).seq) : null,
      total: records.length,
    };
  }

  /** Validates `input` with the shared counting rule; throws a 422 naming the field. */
  function validate(input, thread) {
    const refuse = (code, field, message) => {
      throw new HttpError(422, code, message, field);
    };
    if (typeof input !== 'object' || input === null || Array.isArray(input)) refuse('invalid', undefined, 'The body is not a comment.');
    const {author, body, parentId = null} = input;
    if (typeof author?.name !== 'string') refuse('invalid', 'author.name', 'The name is missing.');
    const nameViolation = checkName(author.name);
    if (nameViolation) refuse(nameViolation, 'author.name', 'The name is missing or too long.');
    if (author.email !== undefined && typeof author.email !== 'string') refuse('invalid', 'author.email', 'The email is not text.');
    if (typeof body !== 'string') refuse('invalid', 'body', 'The comment is not text.');
    const {violation, count} = checkBody(body, RULES);
    if (violation) refuse(violation, 'body', `The comment has ${count} characters; ${RULES.minLength} to ${RULES.maxLength} are needed.`);
    if (parentId !== null && (typeof parentId !== 'string' || !thread.records.some((r) => r.comment.id === parentId))) {
      refuse('invalid', 'parentId', 'The comment replied to does not exist.');
    }
  }

  /** Creates a comment, or returns the one created before under the same key: [status, comment]. */
  function create(id, key, contentType, raw) {
    if (raw === null) throw new HttpError(413, 'too_long', 'The request is too large.');
    if (!key) throw new HttpError(400, 'invalid', 'The Idempotency-Key header is required.');
    if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) throw new HttpError(400, 'invalid', 'Send application/json.');
    let input;
    try {
      input = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'invalid', 'The body is not valid JSON.');
    }
    const thread = threadOf(id);
    const previous = thread.keys.get(key);
    if (previous) return [200, previous];
    validate(input, thread);
    const parentId = input.parentId ?? null;
    const comment = {
      id: randomUUID(),
      threadId: id,
      parentId,
      author: {name: normalizeText(input.author.name), avatarUrl: null},
      body: normalizeText(input.body),
      createdAt: new Date().toISOString(),
      status: 'published',
    };
    // Replies are listed under their top-level comment, however deep they nest.
    const root = parentId === null ? null : (thread.records.find((r) => r.comment.id === parentId).root ?? parentId);
    thread.records.push({comment, seq: ++seq, root});
    thread.keys.set(key, comment);
    return [201, comment];
  }

  /** Answers one contract request. */
  async function serve(ctx, route) {
    const params = new URLSearchParams(ctx.querystring);
    if (route.action === 'list') return sendJson(ctx, 200, list(route.thread, params));
    if (route.action === 'counts') {
      const counts = Object.fromEntries(params.getAll('thread').map((t) => [t, threads.get(t)?.records.length ?? 0]));
      return sendJson(ctx, 200, {counts});
    }
    const raw = await readBody(ctx.req);
    const [status, comment] = create(route.thread, ctx.get('Idempotency-Key'), ctx.get('Content-Type'), raw);
    if (status === 200) ctx.set('Idempotent-Replayed', 'true');
    sendJson(ctx, status, comment);
  }

  /** Answers a request to the same route with the fault `kind`. */
  async function fault(ctx, kind, route) {
    const raw = ['hang', 'reset'].includes(kind) || ctx.method !== 'POST' ? null : await readBody(ctx.req);
    // A well-formed comment, and the same with a number for a body.
    const good = {id: 'f1', threadId: route.thread ?? 'x', parentId: null, author: {name: 'Fault'}, body: 'x'.repeat(50), createdAt: new Date().toISOString(), status: 'published'};
    const bad = {...good, body: 42};
    const answer = (c) => (route.action === 'list' ? {comments: [c], nextCursor: null, total: 1} : route.action === 'post' ? c : {counts: {}});
    switch (kind) {
      case 'e400': return sendJson(ctx, 400, errorBody('invalid', 'Bad request (fault).'));
      case 'e422': return sendJson(ctx, 422, errorBody('too_short', 'Too short (fault).', 'body'));
      case 'e429':
        ctx.set('Retry-After', '7');
        return sendJson(ctx, 429, errorBody('rate_limited', 'Slow down (fault).'));
      case 'e500': return sendJson(ctx, 500, errorBody('server', 'It broke (fault).'));
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
      case 'wrong-shape': return sendJson(ctx, 200, {items: []});
      case 'bad-comment': return sendJson(ctx, route.action === 'post' ? 201 : 200, answer(bad));
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
        // The server does the work, then the answer is lost on the way back.
        if (route.action === 'post' && upstream) {
          await forwardPost(upstream, ctx.path.replace(/^\/api\/fault\/[^/]+/, ''), ctx, raw);
        } else if (route.action === 'post') {
          try {
            create(route.thread, ctx.get('Idempotency-Key'), ctx.get('Content-Type'), raw);
          } catch {
            // A refused comment is lost the same way.
          }
        }
      // falls through
      case 'reset':
        noAnswer(ctx, 444);
        ctx.req.socket.destroy();
        return;
      default:
        throw new HttpError(404, 'invalid', `Unknown fault kind ${kind}.`);
    }
  }

  return async (ctx, next) => {
    const faultMatch = FAULT.exec(ctx.path);
    if (!faultMatch && !ctx.path.startsWith(`${BASE}/`)) return next();
    if (!faultMatch && upstream) return proxy(ctx, upstream);
    try {
      if (faultMatch) await fault(ctx, faultMatch[1], match(ctx.method, faultMatch[2] ?? '/'));
      else await serve(ctx, match(ctx.method, ctx.path.slice(BASE.length)));
    } catch (error) {
      if (error instanceof ClientGone) return noAnswer(ctx, 499);
      if (!(error instanceof HttpError)) throw error;
      if (error.allow) ctx.set('Allow', error.allow);
      sendJson(ctx, error.status, errorBody(error.code, error.message, error.field));
    }
  };
}
