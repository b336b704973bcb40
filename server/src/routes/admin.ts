// The admin API of the reference backend (not part of the contract), behind the bearer
// token ADMIN_TOKEN: the moderation queue, approving and deleting comments.
import {errorBody} from 'parley-contract';
import type {AdminPage, CommentStatus} from 'parley-contract';
import {Hono} from 'hono';
import {bearerAuth} from 'hono/bearer-auth';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, notFound} from '../errors.js';
import {notAllowed} from '../request.js';
import {decodeCursor, encodeCursor, pageSize, threadId} from '../validation.js';

export function adminRoutes({config, storage, log}: Deps) {
  const app = new Hono<AppEnv>();
  const token = config.adminToken;
  if (!token) {
    app.all('*', () => {
      throw notFound('No such endpoint (the admin API is off: set ADMIN_TOKEN).');
    });
    return app;
  }

  const refused = (c: {req: {method: string; path: string}; var: {client: string; requestId: string}}) => {
    log.warn(`admin: refused ${c.req.method} ${c.req.path} from ${c.var.client} (bad or missing token)`, {
      reqId: c.var.requestId,
    });
    return Response.json(errorBody('invalid', 'A valid admin bearer token is required.'), {
      status: 401,
      headers: {'Cache-Control': 'no-store'},
    });
  };
  const challenge = 'Bearer realm="parley-admin"';
  app.use(
    '*',
    bearerAuth<AppEnv>({
      token,
      realm: 'parley-admin',
      noAuthenticationHeader: {message: refused, wwwAuthenticateHeader: challenge},
      invalidAuthenticationHeader: {message: refused, wwwAuthenticateHeader: challenge},
      invalidToken: {message: refused, wwwAuthenticateHeader: challenge},
    })
  );

  app.get('/comments', async (c) => {
    const status = c.req.query('status') ?? 'pending';
    if (status !== 'pending' && status !== 'published') throw badRequest('status must be pending or published.', 'status');
    const thread = c.req.query('thread');
    const cursor = c.req.query('cursor');
    const page = await storage.adminList({
      status: status satisfies CommentStatus,
      thread: thread === undefined ? null : threadId(thread, false),
      limit: pageSize(c.req.query('limit')),
      after: cursor === undefined ? null : decodeCursor(cursor, 'oldest'),
    });
    return c.json({
      comments: page.comments.map((s) => s.comment),
      nextCursor: page.lastSeq === null ? null : encodeCursor('oldest', page.lastSeq),
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
    return c.json(comment);
  });

  app.delete('/comments/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = await storage.remove(id);
    if (!deleted) throw new HttpError(404, 'invalid', 'No such comment.', 'id');
    log.info(`admin: deleted comment ${id} and ${deleted - 1} replies`, {reqId: c.var.requestId});
    return c.json({deleted});
  });

  app.all('/comments', notAllowed('GET, HEAD'));
  app.all('/comments/:id/approve', notAllowed('POST'));
  app.all('/comments/:id', notAllowed('DELETE'));
  return app;
}
