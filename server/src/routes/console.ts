// The publisher's console: its page at /admin (a Lit bundle of its own, built into
// dist/admin/ from console/), and the admin routes only it needs: the queue with counts,
// search and parents, bulk actions, and the audit log.
import {readFileSync} from 'node:fs';
import {MAX_ID_LENGTH} from 'parley-contract';
import type {AdminBulkRequest, AdminBulkResult, AdminQueuePage, AdminThreadAction, AuditPage} from 'parley-contract';
import {Hono} from 'hono';
import {secureHeaders} from 'hono/secure-headers';
import {replies} from '../console/audit.js';
import {jsonBody} from '../console/body.js';
import type {Audit} from '../console/audit.js';
import type {AdminEnv} from '../console/session.js';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, notFound} from '../errors.js';
import {notAllowed} from '../request.js';
import {decodeCursor, encodeCursor, pageSize, threadId} from '../validation.js';

/** Longest search text. */
const MAX_SEARCH = 200;
/** Most comments one bulk action takes. */
export const MAX_BULK = 200;

type Bulk = AdminBulkResult['results'][number];

/** The console's admin routes, behind the admin authentication (token or session). */
export function consoleRoutes({storage, log}: Deps, audit: Audit) {
  const app = new Hono<AdminEnv>();

  app.get('/queue', async (c) => {
    const status = c.req.query('status') ?? 'pending';
    if (status !== 'pending' && status !== 'published' && status !== 'rejected')
      throw badRequest('status must be pending, published or rejected.', 'status');
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
        status,
        sort,
        thread,
        search,
        limit: pageSize(c.req.query('limit')),
        after: cursor === undefined ? null : decodeCursor(cursor, sort).seq,
      }),
      storage.queueCounts({thread, search}),
      thread === null ? null : storage.isThreadClosed(thread),
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
    const {action, ids} = await jsonBody<AdminBulkRequest>(c, '{"action": "approve" | "delete", "ids": […]}');
    if (action !== 'approve' && action !== 'delete' && action !== 'reject' && action !== 'restore')
      throw badRequest('action must be approve, delete, reject or restore.', 'action');
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK)
      throw badRequest(`ids must list 1 to ${MAX_BULK} comment ids.`, 'ids');
    for (const id of ids) {
      if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) throw badRequest('ids must be comment ids.', 'ids');
    }
    const unique = [...new Set(ids)];
    const results = new Map<string, Bulk>();
    if (action === 'reject' || action === 'restore') {
      for (const id of unique) {
        const done = await storage.setRejected(id, action === 'reject');
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
    const done = [...results.values()].filter((r) => ['approved', 'deleted', 'rejected', 'restored'].includes(r.outcome)).length;
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
  app.all('/comments/bulk', notAllowed('POST'));
  app.all('/audit', notAllowed('GET, HEAD'));
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
