// The admin API of the reference backend (not part of the contract), behind the bearer
// token ADMIN_TOKEN: the moderation queue, approving and deleting comments.
import {errorBody} from 'parley-contract';
import type {AdminPage, CommentStatus} from 'parley-contract';
import {Hono} from 'hono';
import {bearerAuth} from 'hono/bearer-auth';
import type {Context} from 'hono';
import {auditor, replies} from '../console/audit.js';
import {adminSessions} from '../console/session.js';
import type {AdminEnv} from '../console/session.js';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, notFound} from '../errors.js';
import {LogSummary} from '../log.js';
import {RateLimiter, throttle} from '../middleware/rate-limit.js';
import {notAllowed} from '../request.js';
import {consoleRoutes} from './console.js';
import {decodeCursor, encodeCursor, pageSize, threadId} from '../validation.js';

/** Failed admin logins a client may make per minute (in bursts of as many) before it has to wait. */
export const ADMIN_FAILURES_PER_MINUTE = 5;

export function adminRoutes(deps: Deps) {
  const {config, storage, log, onDispose} = deps;
  const app = new Hono<AdminEnv>();
  const token = config.adminToken;
  if (!token) {
    app.all('*', () => {
      throw notFound('No such endpoint (the admin API is off: set ADMIN_TOKEN).');
    });
    return app;
  }

  const audit = auditor(storage, log);
  // Every refusal counts against its client: after a few, even the right token waits
  // (guessing stays slow), and the log says so once, then once a minute at most.
  const failures = new RateLimiter(ADMIN_FAILURES_PER_MINUTE);
  const summary = new LogSummary(log.warn, 'admin: refused a request (bad or missing token, or too many of them)');
  onDispose(() => summary.close());
  const note = <E extends AppEnv>(c: Context<E>) =>
    summary.add(c.var.client, {reqId: c.var.requestId, method: c.req.method, path: c.req.path});
  const refused = (c: Context<AdminEnv>) => {
    failures.take(c.var.client);
    note(c);
    return Response.json(errorBody('invalid', 'A valid admin bearer token is required.'), {
      status: 401,
      headers: {'Cache-Control': 'no-store'},
    });
  };
  const challenge = 'Bearer realm="parley-admin"';
  const throttled = throttle(
    failures,
    (wait) => `Too many failed admin logins from this client; try again in ${wait} seconds.`,
    note
  );
  // The console's sessions: signing in with the token counts against the same throttle.
  const sessions = adminSessions(deps, {
    failed: (c) => {
      failures.take(c.var.client);
      note(c);
    },
  });
  app.use('/session', throttled);
  app.route('/session', sessions.routes);
  app.use(
    '*',
    throttled,
    sessions.authenticate(
      bearerAuth<AdminEnv>({
        token,
        realm: 'parley-admin',
        noAuthenticationHeader: {message: refused, wwwAuthenticateHeader: challenge},
        invalidAuthenticationHeader: {message: refused, wwwAuthenticateHeader: challenge},
        invalidToken: {message: refused, wwwAuthenticateHeader: challenge},
      })
    )
  );

  // Whatever a moderator changes, the open consoles hear of.
  app.use('/comments/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') deps.hub.moderated();
  });

  app.get('/comments', async (c) => {
    const status = c.req.query('status') ?? 'pending';
    if (status !== 'pending' && status !== 'published') throw badRequest('status must be pending or published.', 'status');
    const thread = c.req.query('thread');
    const cursor = c.req.query('cursor');
    const page = await storage.adminList({
      status: status satisfies CommentStatus,
      thread: thread === undefined ? null : threadId(thread, false),
      limit: pageSize(c.req.query('limit')),
      after: cursor === undefined ? null : decodeCursor(cursor, 'oldest').seq,
    });
    return c.json({
      comments: page.comments.map((s) => s.comment),
      nextCursor: page.lastSeq === null ? null : encodeCursor('oldest', {seq: page.lastSeq, likes: 0}),
    } satisfies AdminPage);
  });

  app.post('/comments/:id/approve', async (c) => {
    const id = c.req.param('id');
    const result = await storage.approve(id);
    if (result.kind === 'not_found') throw new HttpError(404, 'invalid', 'No such comment.', 'id');
    if (result.kind === 'parent_pending') {
      throw new HttpError(
        409,
        'invalid',
        `This comment replies to comment ${result.parentId}, which is still pending: approve that one first (deleting it deletes this reply too).`,
        'parentId'
      );
    }
    const {comment} = result;
    log.info(`admin: approved comment ${id} on ${JSON.stringify(comment.threadId)}`, {reqId: c.var.requestId});
    await audit(c, 'approve', id, comment.threadId, null);
    return c.json(comment);
  });

  app.delete('/comments/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = await storage.remove(id);
    if (!deleted) throw new HttpError(404, 'invalid', 'No such comment.', 'id');
    log.info(`admin: deleted comment ${id} and ${deleted - 1} replies`, {reqId: c.var.requestId});
    await audit(c, 'delete', id, null, replies(deleted));
    return c.json({deleted});
  });

  app.route('/', consoleRoutes(deps, audit));

  app.all('/comments', notAllowed('GET, HEAD'));
  app.all('/comments/:id/approve', notAllowed('POST'));
  app.all('/comments/:id', notAllowed('DELETE'));
  return app;
}
