// The publisher's console: its page at /admin (a Lit bundle of its own, built into
// dist/admin/ from console/), and the admin routes only it needs: the queue with counts,
// search and parents, bulk actions, and the audit log.
import {readFileSync} from 'node:fs';
import {AUTHOR_TOKEN_PATTERN, MAX_EMAIL_LENGTH, MAX_ID_LENGTH} from 'parley-contract';
import type {
  AdminBan,
  AdminBanPage,
  AdminBanRequest,
  AdminBanResult,
  AdminBulkRequest,
  AdminBulkResult,
  AdminQueuePage,
  AdminThreadAction,
  AdminUnbanRequest,
  AdminUnbanResult,
  AuditPage,
} from 'parley-contract';
import {Hono} from 'hono';
import type {Context} from 'hono';
import {secureHeaders} from 'hono/secure-headers';
import {streamSSE} from 'hono/streaming';
import {replies} from '../console/audit.js';
import {jsonBody} from '../console/body.js';
import type {Audit} from '../console/audit.js';
import type {AdminEnv} from '../console/session.js';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, notFound} from '../errors.js';
import {notAllowed, sha256} from '../request.js';
import type {BanTarget} from '../storage/index.js';
import {isClosedNow} from './comments.js';
import {decodeCursor, encodeCursor, pageSize, threadId} from '../validation.js';

/** Longest search text. */
const MAX_SEARCH = 200;
/** Most comments one bulk action takes. */
export const MAX_BULK = 200;
/** How often the console's stream reads the queue counts anyway (changes made by other instances). */
const COUNTS_POLL_MS = 5000;

type Bulk = AdminBulkResult['results'][number];

const QUEUES = ['pending', 'reported', 'published', 'rejected'] as const;

/** How the audit log names a ban's targets: the e-mail address, and the author token by the start of its hash. */
const describeBans = (bans: AdminBan[]) =>
  bans.map((b) => (b.kind === 'email' ? `e-mail ${b.value}` : `author token ${b.value.slice(0, 8)}`)).join(', ');

/** The console's admin routes, behind the admin authentication (token or session). */
export function consoleRoutes(deps: Deps, audit: Audit) {
  const {storage, log, hub, config} = deps;
  const app = new Hono<AdminEnv>();
  // Whatever a moderator changes, the open consoles hear of.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') hub.moderated();
  });

  // The console's live counts: `event: counts`, `data: {pending, reported}` at once and at
  // each change (a comment waits or is reported here, or a moderator acts; other instances'
  // changes within COUNTS_POLL_MS).
  app.get('/events', (c) => {
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      let last = '';
      let timer: NodeJS.Timeout | undefined;
      const send = async () => {
        timer = undefined;
        try {
          const {pending, reported} = await storage.queueCounts({thread: null, search: null});
          const data = JSON.stringify({pending, reported});
          if (data === last || stream.closed || stream.aborted) return;
          last = data;
          await stream.writeSSE({event: 'counts', data});
        } catch {
          // The database did not answer: the next change or poll tries again.
        }
      };
      const soon = () => (timer ??= setTimeout(() => void send(), 100));
      const unwatch = hub.watch(soon);
      const release = hub.hold(done);
      stream.onAbort(done);
      const poll = setInterval(soon, COUNTS_POLL_MS);
      const keepAlive = setInterval(() => {
        if (!stream.closed && !stream.aborted) void stream.write(': keep-alive\n\n');
      }, config.keepAliveSeconds * 1000);
      try {
        await stream.write('retry: 3000\n\n');
        await send();
        await finished;
      } finally {
        clearTimeout(timer);
        clearInterval(poll);
        clearInterval(keepAlive);
        unwatch();
        release();
      }
    });
  });

  /** Bans the author of a comment (by e-mail and by author token); null when it is gone. */
  const banAuthorOf = async (c: Context<AdminEnv>, id: string, shadow: boolean): Promise<AdminBan[] | null> => {
    const author = await storage.authorOf(id);
    if (!author) return null;
    const targets: BanTarget[] = [];
    if (author.email) targets.push({kind: 'email', value: author.email.toLowerCase()});
    if (author.authorHash) targets.push({kind: 'author', value: author.authorHash});
    const bans = await storage.ban({targets, shadow, name: author.name, actor: c.var.actor});
    log.info(`admin: ${shadow ? 'shadow-banned' : 'banned'} the author of comment ${id}`, {reqId: c.var.requestId});
    await audit(c, shadow ? 'shadow-ban' : 'ban', id, author.threadId, describeBans(bans) || null);
    return bans;
  };

  /** Rejects a pending comment, or takes a reported one back to the rejected queue. */
  const reject = async (id: string) => {
    const done = await storage.setRejected(id, true);
    return done === 'not_pending' ? storage.withdraw(id) : done;
  };

  app.get('/queue', async (c) => {
    const status = c.req.query('status') ?? 'pending';
    if (!(QUEUES as readonly string[]).includes(status))
      throw badRequest('status must be pending, reported, published or rejected.', 'status');
    const sort = c.req.query('sort') ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') throw badRequest('sort must be oldest or newest.', 'sort');
    const rawThread = c.req.query('thread');
    const thread = rawThread === undefined || rawThread === '' ? null : threadId(rawThread, false);
    const search = (c.req.query('q') ?? '').trim() || null;
    if (search !== null && search.length > MAX_SEARCH)
      throw badRequest(`The search is longer than ${MAX_SEARCH} characters.`, 'q');
    const cursor = c.req.query('cursor');
    const [page, counts, closed] = await Promise.all([
      storage.queue({
        status: status as (typeof QUEUES)[number],
        sort,
        thread,
        search,
        limit: pageSize(c.req.query('limit')),
        after: cursor === undefined ? null : decodeCursor(cursor, sort).seq,
      }),
      storage.queueCounts({thread, search}),
      thread === null ? null : isClosedNow(deps, thread),
    ]);
    return c.json({
      comments: page.comments.map((s) => s.comment),
      nextCursor: page.lastSeq === null ? null : encodeCursor(sort, {seq: page.lastSeq, likes: 0}),
      counts,
      ...(closed === null ? {} : {threadClosed: closed}),
    } satisfies AdminQueuePage);
  });

  // One action on many comments, one by one, each recorded. Approving takes parents before
  // their replies, whatever order the ids come in.
  app.post('/comments/bulk', async (c) => {
    const {action, ids} = await jsonBody<AdminBulkRequest>(c, '{"action": "approve" | "delete" | …, "ids": […]}');
    if (typeof action !== 'string' || !['approve', 'delete', 'reject', 'restore', 'ban', 'shadow_ban'].includes(action))
      throw badRequest('action must be approve, delete, reject, restore, ban or shadow_ban.', 'action');
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK)
      throw badRequest(`ids must list 1 to ${MAX_BULK} comment ids.`, 'ids');
    for (const id of ids) {
      if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) throw badRequest('ids must be comment ids.', 'ids');
    }
    const unique = [...new Set(ids)];
    const results = new Map<string, Bulk>();
    if (action === 'ban' || action === 'shadow_ban') {
      for (const id of unique) {
        const bans = await banAuthorOf(c, id, action === 'shadow_ban');
        results.set(id, {id, outcome: bans ? 'banned' : 'not_found'});
      }
    } else if (action === 'reject' || action === 'restore') {
      for (const id of unique) {
        const done = action === 'reject' ? await reject(id) : await storage.setRejected(id, false);
        if (done === 'done') {
          results.set(id, {id, outcome: action === 'reject' ? 'rejected' : 'restored'});
          await audit(c, action, id, null, null);
        } else results.set(id, {id, outcome: done});
      }
    } else if (action === 'delete') {
      for (const id of unique) {
        const deleted = await storage.remove(id);
        results.set(id, deleted ? {id, outcome: 'deleted', deleted} : {id, outcome: 'not_found'});
        if (deleted) await audit(c, 'delete', id, null, replies(deleted));
      }
    } else {
      let waiting = unique;
      for (let progress = true; progress && waiting.length;) {
        progress = false;
        const next: string[] = [];
        for (const id of waiting) {
          const result = await storage.approve(id);
          if (result.kind === 'parent_pending') {
            results.set(id, {id, outcome: 'parent_pending'});
            next.push(id);
            continue;
          }
          progress = true;
          if (result.kind === 'not_found') {
            results.set(id, {id, outcome: 'not_found'});
            continue;
          }
          results.set(id, {id, outcome: 'approved'});
          await audit(c, 'approve', id, result.comment.threadId, null);
        }
        waiting = next;
      }
    }
    const done = [...results.values()].filter((r) =>
      ['approved', 'deleted', 'rejected', 'restored', 'banned'].includes(r.outcome)
    ).length;
    log.info(`admin: bulk ${action}: ${done} of ${unique.length} comments`, {reqId: c.var.requestId});
    return c.json({results: unique.map((id) => results.get(id)!)} satisfies AdminBulkResult);
  });

  // Closing a thread keeps its comments and refuses new ones (403 `closed`); reopening undoes it.
  for (const action of ['close', 'reopen'] as const) {
    app.post(`/threads/${action}`, async (c) => {
      const {thread: raw} = await jsonBody<AdminThreadAction>(c, '{"thread": "…"}');
      if (typeof raw !== 'string') throw badRequest('thread must be a thread id.', 'thread');
      const thread = threadId(raw, false);
      await storage.setThreadClosed(thread, action === 'close');
      log.info(`admin: ${action === 'close' ? 'closed' : 'reopened'} thread ${JSON.stringify(thread)}`, {reqId: c.var.requestId});
      await audit(c, action, null, thread, null);
      return c.json({thread, closed: action === 'close'});
    });
    app.all(`/threads/${action}`, notAllowed('POST'));
  }

  // Bans: of a comment's author (by e-mail and by author token), or of an e-mail address or
  // an author token given; lifted one by one or several at once.
  app.post('/bans', async (c) => {
    const {
      commentId,
      email,
      authorToken,
      shadow = false,
    } = await jsonBody<AdminBanRequest>(c, '{"commentId" | "email" | "authorToken": "…", "shadow"?: true}');
    if (typeof shadow !== 'boolean') throw badRequest('shadow must be true or false.', 'shadow');
    const given = [commentId, email, authorToken].filter((v) => v !== undefined);
    if (given.length !== 1) throw badRequest('Give one of commentId, email or authorToken.');
    let bans: AdminBan[] | null;
    if (commentId !== undefined) {
      if (typeof commentId !== 'string' || commentId === '' || commentId.length > MAX_ID_LENGTH)
        throw badRequest('commentId must be a comment id.', 'commentId');
      bans = await banAuthorOf(c, commentId, shadow);
      if (!bans) throw new HttpError(404, 'not_found', 'No such comment.', 'commentId');
    } else {
      let target: BanTarget;
      if (email !== undefined) {
        if (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email.trim()))
          throw badRequest('email must be an e-mail address.', 'email');
        target = {kind: 'email', value: email.trim().toLowerCase()};
      } else {
        if (typeof authorToken !== 'string' || !AUTHOR_TOKEN_PATTERN.test(authorToken))
          throw badRequest('authorToken must be an author token (43 base64url characters).', 'authorToken');
        target = {kind: 'author', value: sha256(authorToken)};
      }
      bans = await storage.ban({targets: [target], shadow, name: null, actor: c.var.actor});
      log.info(`admin: ${shadow ? 'shadow-banned' : 'banned'} ${describeBans(bans)}`, {reqId: c.var.requestId});
      await audit(c, shadow ? 'shadow-ban' : 'ban', null, null, describeBans(bans));
    }
    return c.json({bans} satisfies AdminBanResult);
  });

  app.get('/bans', async (c) => {
    const cursor = c.req.query('cursor');
    const page = await storage.bans({
      limit: pageSize(c.req.query('limit')),
      before: cursor === undefined ? null : decodeCursor(cursor, 'newest').seq,
    });
    return c.json({
      bans: page.bans,
      nextCursor: page.lastSeq === null ? null : encodeCursor('newest', {seq: page.lastSeq, likes: 0}),
    } satisfies AdminBanPage);
  });

  const unban = async (c: Context<AdminEnv>, id: number) => {
    const lifted = await storage.unban(id);
    if (lifted) {
      log.info(`admin: lifted the ban of ${describeBans([lifted])}`, {reqId: c.var.requestId});
      await audit(c, 'unban', null, null, describeBans([lifted]));
    }
    return lifted;
  };

  app.post('/bans/unban', async (c) => {
    const {ids} = await jsonBody<AdminUnbanRequest>(c, '{"ids": [1, 2, …]}');
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > MAX_BULK ||
      !ids.every((id) => Number.isSafeInteger(id) && id > 0)
    )
      throw badRequest(`ids must list 1 to ${MAX_BULK} ban ids.`, 'ids');
    const results: AdminUnbanResult['results'] = [];
    for (const id of new Set(ids)) results.push({id, outcome: (await unban(c, id)) ? 'unbanned' : 'not_found'});
    return c.json({results} satisfies AdminUnbanResult);
  });

  app.delete('/bans/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const lifted = Number.isSafeInteger(id) && id > 0 ? await unban(c, id) : null;
    if (!lifted) throw new HttpError(404, 'not_found', 'No such ban.', 'id');
    return c.json(lifted);
  });

  app.get('/audit', async (c) => {
    const cursor = c.req.query('cursor');
    const page = await storage.auditLog({
      limit: pageSize(c.req.query('limit')),
      before: cursor === undefined ? null : decodeCursor(cursor, 'newest').seq,
    });
    return c.json({
      entries: page.entries,
      nextCursor: page.lastSeq === null ? null : encodeCursor('newest', {seq: page.lastSeq, likes: 0}),
    } satisfies AuditPage);
  });

  app.all('/queue', notAllowed('GET, HEAD'));
  app.all('/events', notAllowed('GET, HEAD'));
  app.all('/comments/bulk', notAllowed('POST'));
  app.all('/audit', notAllowed('GET, HEAD'));
  app.all('/bans', notAllowed('GET, HEAD, POST'));
  app.all('/bans/unban', notAllowed('POST'));
  app.all('/bans/:id', notAllowed('DELETE'));
  return app;
}

/** The built console (`npm run build -w parley-server` makes it). */
const BUNDLE = new URL('../../dist/admin/', import.meta.url);
const ASSETS: Record<string, string> = {'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8'};

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page: no inline script or style, so the CSP can forbid both. */
function page(api: string, site: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="parley-api" content="${escapeAttribute(api)}">
${site ? `<meta name="parley-site" content="${escapeAttribute(site)}">\n` : ''}<title>Parley console</title>
<link rel="stylesheet" href="/admin/console.css">
<script type="module" src="/admin/console.js"></script>
</head>
<body>
<parley-console><noscript>The console needs JavaScript.</noscript></parley-console>
</body>
</html>
`;
}

/** `/admin`: the console's page and its two files, with a strict CSP; 404 while the admin API is off. */
export function consolePage({config}: Deps) {
  const app = new Hono<AppEnv>();
  if (!config.adminToken) {
    app.all('*', () => {
      throw notFound('No console (the admin API is off: set ADMIN_TOKEN).');
    });
    return app;
  }
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginOpenerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: false,
    }),
    async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    }
  );
  const site = config.siteUrl ?? config.corsOrigins.find((o) => o !== '*') ?? null;
  const html = page(config.basePath, site);
  const files = new Map<string, string>();
  const read = (name: string) => {
    let text = files.get(name);
    if (text === undefined) {
      try {
        text = readFileSync(new URL(name, BUNDLE), 'utf8');
      } catch {
        throw new HttpError(503, 'server', 'The console is not built: run `npm run build -w parley-server`.');
      }
      files.set(name, text);
    }
    return text;
  };
  app.get('/', (c) => {
    read('console.js');
    return c.html(html);
  });
  app.get('/:file', (c) => {
    const name = c.req.param('file');
    const type = ASSETS[name];
    if (!type) throw notFound();
    return c.body(read(name), 200, {'Content-Type': type});
  });
  app.all('/', notAllowed('GET, HEAD'));
  app.all('/:file', notAllowed('GET, HEAD'));
  return app;
}
