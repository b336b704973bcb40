// The Parley reference backend as a Hono app: every route of REST contract v1
// (/shared DESIGN.md, docs/openapi.yaml), the admin API and, with `demo`, the demo pages.
// Handlers use web-standard Request/Response only, so the same app could run at the edge;
// Node specifics (the client's socket address) are optional.
import {createHash, randomBytes, randomUUID, timingSafeEqual} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {Hono} from 'hono';
import {streamSSE} from 'hono/streaming';
import {serveStatic} from '@hono/node-server/serve-static';
// The one counting rule of the widget (src/rules/count.ts, built by `npm run build`).
import {checkBody, checkName, normalizeText} from '../../dist/rules/count.js';

/** Top-level comments per page when the client does not say, and the most it may ask for. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Longest thread id, in code points. */
export const MAX_THREAD_LENGTH = 512;
/** Most threads in one `counts` request. */
export const MAX_COUNT_THREADS = 100;
/** Longest e-mail address and parent id accepted. */
const MAX_EMAIL_LENGTH = 254;
const MAX_ID_LENGTH = 128;
/** Event streams one client may hold open at once. */
const MAX_STREAMS_PER_CLIENT = 20;
/** Header that carries the author token (see README: pending comments). */
export const AUTHOR_HEADER = 'X-Parley-Author';

const ALLOWED_FIELDS = new Set(['author', 'body', 'parentId', 'website']);
const ALLOWED_AUTHOR_FIELDS = new Set(['name', 'email']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A contract error, thrown inside a handler and turned into `{error: {code, message, field?}}`. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {'invalid' | 'too_short' | 'too_long' | 'rate_limited' | 'server'} code
   * @param {string} message
   * @param {string} [field]
   * @param {Record<string, string>} [headers]
   */
  constructor(status, code, message, field, headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * A token bucket per client: `perMinute` requests a minute, in bursts of up to as many.
 * @param {number} perMinute  0 turns the limit off
 */
export function rateLimiter(perMinute) {
  /** @type {Map<string, {tokens: number, at: number}>} */
  const buckets = new Map();
  const rate = perMinute / 60_000; // tokens per millisecond
  let sweptAt = Date.now();
  return {
    /** Takes a token; returns 0, or the seconds to wait before one is there. */
    take(client, now = Date.now()) {
      if (!perMinute) return 0;
      if (now - sweptAt > 60_000) {
        // A bucket untouched for a minute is full again: forget it.
        for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
        sweptAt = now;
      }
      const b = buckets.get(client) ?? {tokens: perMinute, at: now};
      b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * rate);
      b.at = now;
      buckets.set(client, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    },
  };
}

/** Decodes and checks a thread id (a path segment or a `thread` query value). */
function threadId(raw, decode = true) {
  let id = raw;
  if (decode) {
    try {
      id = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, 'invalid', 'The thread id is not valid percent-encoded UTF-8.', 'thread');
    }
  }
  if (id === '') throw new HttpError(400, 'invalid', 'The thread id is empty.', 'thread');
  if (!id.isWellFormed()) throw new HttpError(400, 'invalid', 'The thread id is not well-formed text.', 'thread');
  if (CONTROL.test(id)) throw new HttpError(400, 'invalid', 'The thread id contains control characters.', 'thread');
  if ([...id].length > MAX_THREAD_LENGTH) {
    throw new HttpError(400, 'invalid', `The thread id is longer than ${MAX_THREAD_LENGTH} characters.`, 'thread');
  }
  return id;
}

/**
 * The raw (still percent-encoded) thread segment of `/…/threads/{thread}/{tail}`. Read from
 * the URL itself: router parameters are decoded once already, and `%25` would be decoded twice.
 */
function rawThreadSegment(c) {
  const path = new URL(c.req.url).pathname;
  const m = /\/threads\/([^/]*)\/(?:comments|events)$/.exec(path);
  if (!m) throw new HttpError(404, 'invalid', 'No such endpoint.');
  return m[1];
}

const encodeCursor = (sort, seq) => Buffer.from(`${sort === 'newest' ? 'n' : 'o'}.${seq}`).toString('base64url');

function decodeCursor(cursor, sort) {
  const m = /^([no])\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new HttpError(400, 'invalid', 'The cursor is not valid.', 'cursor');
  if ((m[1] === 'n') !== (sort === 'newest')) throw new HttpError(400, 'invalid', 'The cursor belongs to the other sort order.', 'cursor');
  return Number(m[2]);
}

/** Reads the request body as UTF-8 text, refusing more than `limit` bytes. */
async function readText(request, limit) {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new HttpError(413, 'too_long', `The request body is larger than ${limit} bytes.`);
  const chunks = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new HttpError(413, 'too_long', `The request body is larger than ${limit} bytes.`);
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'invalid', 'The request body is not valid UTF-8.');
  }
}

/** Refuses strings a database or a reader should never get. */
function checkText(value, field) {
  if (!value.isWellFormed()) throw new HttpError(422, 'invalid', 'The text contains a lone surrogate.', field);
  if (value.includes('\u0000')) throw new HttpError(422, 'invalid', 'The text contains a NUL character.', field);
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a NewComment with the shared counting rule.
 * @returns {{name: string, email: string | null, body: string, parentId: string | null, website: string}}
 */
export function validateNewComment(input, rules) {
  if (!isObject(input)) throw new HttpError(400, 'invalid', 'The body must be a JSON object (a NewComment).');
  for (const k of Object.keys(input)) {
    if (!ALLOWED_FIELDS.has(k)) throw new HttpError(400, 'invalid', `Unknown field "${k}".`, k);
  }
  const {author, body, parentId = null, website = null} = input;
  if (!isObject(author)) throw new HttpError(422, 'invalid', 'The author is missing.', 'author.name');
  for (const k of Object.keys(author)) {
    if (!ALLOWED_AUTHOR_FIELDS.has(k)) throw new HttpError(400, 'invalid', `Unknown field "author.${k}".`, `author.${k}`);
  }
  if (typeof author.name !== 'string') throw new HttpError(422, 'invalid', 'The name is missing.', 'author.name');
  checkText(author.name, 'author.name');
  const nameViolation = checkName(author.name);
  if (nameViolation === 'invalid') throw new HttpError(422, 'invalid', 'The name is empty.', 'author.name');
  if (nameViolation) throw new HttpError(422, nameViolation, 'The name is too long.', 'author.name');
  let email = null;
  if (author.email !== undefined && author.email !== null) {
    if (typeof author.email !== 'string') throw new HttpError(422, 'invalid', 'The e-mail address is not text.', 'author.email');
    email = author.email.trim() || null;
    if (email !== null) {
      checkText(email, 'author.email');
      if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email)) {
        throw new HttpError(422, 'invalid', 'The e-mail address is not valid.', 'author.email');
      }
    }
  }
  if (typeof body !== 'string') throw new HttpError(422, 'invalid', 'The comment is missing or not text.', 'body');
  checkText(body, 'body');
  const {count, violation} = checkBody(body, rules);
  if (violation) {
    const message =
      violation === 'too_short'
        ? `The comment has ${count} characters; at least ${rules.minLength} are needed.`
        : `The comment has ${count} characters; at most ${rules.maxLength} are allowed.`;
    throw new HttpError(422, violation, message, 'body');
  }
  if (parentId !== null && (typeof parentId !== 'string' || parentId === '' || parentId.length > MAX_ID_LENGTH)) {
    throw new HttpError(422, 'invalid', 'parentId must be a comment id or null.', 'parentId');
  }
  if (parentId !== null) checkText(parentId, 'parentId');
  if (website !== null && typeof website !== 'string') throw new HttpError(422, 'invalid', 'website must be text.', 'website');
  return {name: normalizeText(author.name), email, body: normalizeText(body), parentId, website: website ?? ''};
}

/**
 * Builds the app.
 * @param {{config: import('./config.js').Config, storage: import('./storage/index.js').Storage,
 *   log?: {debug: Function, info: Function, warn: Function, error: Function}}} deps
 */
export function createApp({config, storage, log = quietLog}) {
  const app = new Hono();
  const base = config.basePath;
  const rules = {minLength: config.minLength, maxLength: config.maxLength};
  const posts = rateLimiter(config.ratePosts);
  const reads = rateLimiter(config.rateReads);
  const adminDigest = config.adminToken ? createHash('sha256').update(config.adminToken).digest() : null;
  const corsAny = config.corsOrigins.includes('*');
  const corsOrigins = new Set(config.corsOrigins);

  // Live events: thread id → the writers of the streams open on this instance.
  /** @type {Map<string, Set<(comment: object, seq: number) => void>>} */
  const streams = new Map();
  /** @type {Map<string, number>} */
  const streamsPerClient = new Map();
  /** @type {Set<() => void>} */
  const closers = new Set();
  const stopRelay = storage.onPublished((comment, seq) => {
    for (const send of streams.get(comment.threadId) ?? []) send(comment, seq);
  });

  /** The client address that rate limits are counted against. */
  const clientOf = (c) => {
    if (config.trustProxy > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[Math.max(0, hops.length - config.trustProxy)];
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  };

  const limit = (limiter, c) => {
    const wait = limiter.take(clientOf(c));
    if (wait) {
      log.debug(`rate limited ${clientOf(c)} ${c.req.method} ${c.req.path} (retry in ${wait}s)`);
      throw new HttpError(429, 'rate_limited', `Too many requests; try again in ${wait} seconds.`, undefined, {'Retry-After': String(wait)});
    }
  };

  const json = (c, status, payload, headers = {}) => {
    c.header('Cache-Control', 'no-store');
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return c.json(payload, status);
  };

  const viewerOf = (c) => {
    const token = c.req.header(AUTHOR_HEADER);
    return token && TOKEN_PATTERN.test(token) ? sha256(token) : null;
  };

  // ---- logging, CORS, errors -------------------------------------------------------
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (config.logLevel === 'debug') {
      log.debug(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
    }
  });

  app.use(`${base}/*`, async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin && (corsAny || corsOrigins.has(origin));
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return json(c, 403, errorBody('invalid', 'This origin may not call the API (CORS_ORIGINS).'));
      c.header('Access-Control-Allow-Origin', corsAny ? '*' : origin);
      c.header('Vary', 'Origin');
      c.header('Access-Control-Allow-Methods', 'GET, HEAD, POST, DELETE');
      c.header('Access-Control-Allow-Headers', `Content-Type, Idempotency-Key, ${AUTHOR_HEADER}, Authorization, Last-Event-ID`);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', corsAny ? '*' : origin);
      c.res.headers.set('Access-Control-Expose-Headers', `Retry-After, ${AUTHOR_HEADER}, Idempotent-Replayed`);
    }
    if (!corsAny && corsOrigins.size) c.res.headers.append('Vary', 'Origin');
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      c.header('Cache-Control', 'no-store');
      for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v);
      return c.json(errorBody(error.code, error.message, error.field), /** @type {any} */ (error.status));
    }
    log.error(`${c.req.method} ${c.req.path} failed: ${error?.stack ?? error}`);
    return c.json(errorBody('server', 'The server failed; try again later.'), 500);
  });

  app.notFound((c) => c.json(errorBody('invalid', 'No such endpoint.'), 404));

  const notAllowed = (allow) => (c) => {
    c.header('Allow', allow);
    return c.json(errorBody('invalid', `${c.req.method} is not allowed here.`), 405);
  };

  // ---- REST contract v1 ------------------------------------------------------------
  app.get(`${base}/threads/:thread/comments`, async (c) => {
    limit(reads, c);
    const thread = threadId(rawThreadSegment(c));
    const limitParam = c.req.query('limit');
    let pageSize = DEFAULT_LIMIT;
    if (limitParam !== undefined) {
      pageSize = Number(limitParam);
      if (!/^\d+$/.test(limitParam) || pageSize < 1) throw new HttpError(400, 'invalid', 'limit must be a positive whole number.', 'limit');
      pageSize = Math.min(pageSize, MAX_LIMIT);
    }
    const sort = c.req.query('sort') ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') throw new HttpError(400, 'invalid', 'sort must be oldest or newest.', 'sort');
    const cursor = c.req.query('cursor');
    const after = cursor ? decodeCursor(cursor, sort) : null;
    const page = await storage.list(thread, {limit: pageSize, sort, after, viewer: viewerOf(c)});
    return json(c, 200, {
      comments: page.comments,
      nextCursor: page.lastSeq === null ? null : encodeCursor(sort, page.lastSeq),
      total: page.total,
    });
  });

  app.post(`${base}/threads/:thread/comments`, async (c) => {
    limit(posts, c);
    const thread = threadId(rawThreadSegment(c));
    const key = c.req.header('idempotency-key');
    if (!key) throw new HttpError(400, 'invalid', 'The Idempotency-Key header is required (a UUID per comment).');
    if (!KEY_PATTERN.test(key)) throw new HttpError(400, 'invalid', 'The Idempotency-Key must be 1 to 255 visible ASCII characters.');
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(contentType)) {
      throw new HttpError(400, 'invalid', 'Send the comment as Content-Type: application/json (UTF-8).');
    }
    const text = await readText(c.req.raw, config.maxBodyBytes);
    let input;
    try {
      input = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid', 'The request body is not valid JSON.');
    }
    const fields = validateNewComment(input, rules);
    const status = config.moderation === 'pending' ? 'pending' : 'published';
    const requestToken = c.req.header(AUTHOR_HEADER);
    const token = requestToken && TOKEN_PATTERN.test(requestToken) ? requestToken : randomBytes(32).toString('base64url');

    if (fields.website.trim() !== '') {
      // Honeypot: only a bot fills the hidden "website" field. It gets a convincing answer,
      // and nothing is stored or shown to anyone.
      log.info(`honeypot: dropped a comment from ${clientOf(c)} on thread ${JSON.stringify(thread)}`);
      const fake = {
        id: randomUUID(),
        threadId: thread,
        parentId: fields.parentId,
        author: {name: fields.name, avatarUrl: null},
        body: fields.body,
        createdAt: new Date().toISOString(),
        status,
      };
      return json(c, 201, fake, {[AUTHOR_HEADER]: token});
    }

    const result = await storage.create({
      key,
      fingerprint: sha256(JSON.stringify([thread, fields.name, fields.email, fields.body, fields.parentId])),
      thread,
      parentId: fields.parentId,
      name: fields.name,
      email: fields.email,
      body: fields.body,
      status,
      authorHash: sha256(token),
      authorToken: token,
    });
    switch (result.kind) {
      case 'created':
        if (status === 'pending') log.info(`moderation: comment ${result.comment.id} on ${JSON.stringify(thread)} awaits approval`);
        return json(c, 201, result.comment, {[AUTHOR_HEADER]: result.authorToken ?? token});
      case 'replayed':
        return json(c, 200, result.comment, {[AUTHOR_HEADER]: result.authorToken ?? token, 'Idempotent-Replayed': 'true'});
      case 'conflict':
        throw new HttpError(422, 'invalid', 'This Idempotency-Key was already used for a different comment; use a new key.');
      case 'no_parent':
        throw new HttpError(422, 'invalid', 'The comment replied to does not exist in this thread.', 'parentId');
    }
  });

  app.all(`${base}/threads/:thread/comments`, notAllowed('GET, HEAD, POST'));

  app.get(`${base}/threads/:thread/events`, async (c) => {
    limit(reads, c);
    const thread = threadId(rawThreadSegment(c));
    const client = clientOf(c);
    const open = streamsPerClient.get(client) ?? 0;
    if (open >= MAX_STREAMS_PER_CLIENT) {
      throw new HttpError(429, 'rate_limited', 'Too many open event streams.', undefined, {'Retry-After': '30'});
    }
    const lastEventId = c.req.header('last-event-id');
    const resumeFrom = lastEventId && /^\d{1,16}$/.test(lastEventId) ? Number(lastEventId) : null;
    c.header('X-Accel-Buffering', 'no');
    streamsPerClient.set(client, open + 1);
    return streamSSE(c, async (stream) => {
      let done;
      const finished = new Promise((resolve) => (done = resolve));
      // Writes are chained so that events never interleave.
      let chain = Promise.resolve();
      const write = (text) => {
        chain = chain.then(() => (stream.closed ? undefined : stream.write(text))).catch(() => done());
        return chain;
      };
      const event = (comment, seq) => write(`event: comment\nid: ${seq}\ndata: ${JSON.stringify(comment)}\n\n`);
      let set = streams.get(thread);
      if (!set) streams.set(thread, (set = new Set()));
      set.add(event);
      closers.add(done);
      stream.onAbort(() => done());
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), config.keepAliveSeconds * 1000);
      try {
        await write(`retry: 3000\n: connected to ${JSON.stringify(thread).slice(0, 200)}\n\n`);
        if (resumeFrom !== null) {
          for (const {comment, seq} of await storage.since(thread, resumeFrom, 500)) await event(comment, seq);
        }
        await finished;
      } finally {
        clearInterval(keepAlive);
        set.delete(event);
        if (set.size === 0) streams.delete(thread);
        closers.delete(done);
        const left = (streamsPerClient.get(client) ?? 1) - 1;
        if (left > 0) streamsPerClient.set(client, left);
        else streamsPerClient.delete(client);
      }
    });
  });

  app.all(`${base}/threads/:thread/events`, notAllowed('GET, HEAD'));

  app.get(`${base}/counts`, async (c) => {
    limit(reads, c);
    const threads = new URL(c.req.url).searchParams.getAll('thread');
    if (threads.length > MAX_COUNT_THREADS) {
      throw new HttpError(400, 'invalid', `Ask for at most ${MAX_COUNT_THREADS} threads at once.`, 'thread');
    }
    const unique = [...new Set(threads.map((t) => threadId(t, false)))];
    return json(c, 200, {counts: unique.length ? await storage.counts(unique) : {}});
  });

  app.all(`${base}/counts`, notAllowed('GET, HEAD'));

  // ---- admin API (Authorization: Bearer ADMIN_TOKEN) ---------------------------------
  app.use(`${base}/admin/*`, async (c, next) => {
    if (!adminDigest) throw new HttpError(404, 'invalid', 'No such endpoint (the admin API is off: set ADMIN_TOKEN).');
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const given = m ? createHash('sha256').update(m[1]).digest() : null;
    if (!given || !timingSafeEqual(given, adminDigest)) {
      log.warn(`admin: refused ${c.req.method} ${c.req.path} from ${clientOf(c)} (bad or missing token)`);
      throw new HttpError(401, 'invalid', 'A valid admin bearer token is required.', undefined, {'WWW-Authenticate': 'Bearer realm="parley-admin"'});
    }
    await next();
  });

  app.get(`${base}/admin/comments`, async (c) => {
    const status = c.req.query('status') ?? 'pending';
    if (status !== 'pending' && status !== 'published') throw new HttpError(400, 'invalid', 'status must be pending or published.', 'status');
    const thread = c.req.query('thread');
    const limitParam = c.req.query('limit') ?? String(DEFAULT_LIMIT);
    if (!/^\d+$/.test(limitParam) || Number(limitParam) < 1) throw new HttpError(400, 'invalid', 'limit must be a positive whole number.', 'limit');
    const cursor = c.req.query('cursor');
    const after = cursor ? decodeCursor(cursor, 'oldest') : null;
    const page = await storage.adminList({
      status,
      thread: thread === undefined ? null : threadId(thread, false),
      limit: Math.min(Number(limitParam), MAX_LIMIT),
      after,
    });
    return json(c, 200, {
      comments: page.comments.map(({seq, ...comment}) => comment),
      nextCursor: page.lastSeq === null ? null : encodeCursor('oldest', page.lastSeq),
    });
  });

  app.post(`${base}/admin/comments/:id/approve`, async (c) => {
    const id = c.req.param('id');
    const comment = await storage.approve(id);
    if (!comment) throw new HttpError(404, 'invalid', 'No such comment.', 'id');
    log.info(`admin: approved comment ${id} on ${JSON.stringify(comment.threadId)}`);
    return json(c, 200, comment);
  });

  app.delete(`${base}/admin/comments/:id`, async (c) => {
    const id = c.req.param('id');
    const deleted = await storage.remove(id);
    if (!deleted) throw new HttpError(404, 'invalid', 'No such comment.', 'id');
    log.info(`admin: deleted comment ${id} and ${deleted - 1} replies`);
    return json(c, 200, {deleted});
  });

  // ---- health and demo -----------------------------------------------------------------
  app.get('/healthz', (c) => json(c, 200, {ok: true, storage: storage.kind, schemaVersion: storage.schemaVersion}));

  if (config.demo) {
    app.get('/', (c) => c.redirect('/demo/live.html'));
    app.get('/demo', (c) => c.redirect('/demo/live.html'));
    app.get('/demo/', (c) => c.redirect('/demo/live.html'));
    const noCache = (_path, c) => c.header('Cache-Control', 'no-cache');
    app.use('/demo/*', serveStatic({root: REPO_ROOT, onFound: noCache}));
    app.use('/dist/*', serveStatic({root: REPO_ROOT, onFound: noCache}));
  }

  return {
    app,
    /** Ends every open event stream (on shutdown), so that the server can close. */
    closeStreams() {
      for (const close of [...closers]) close();
    },
    /** Open event streams on this instance. */
    get openStreams() {
      return closers.size;
    },
    dispose() {
      stopRelay();
    },
  };
}

/** `{error: {code, message, field?}}` */
export function errorBody(code, message, field) {
  return {error: {code, message, ...(field ? {field} : {})}};
}

const quietLog = {debug() {}, info() {}, warn() {}, error: (line) => console.error(line)};
