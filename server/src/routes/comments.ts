// Public routes of REST contract v1: a thread's comments, listed and posted.
import {randomBytes, randomUUID} from 'node:crypto';
import {
  AUTHOR_HEADER,
  AUTHOR_TOKEN_PATTERN,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  REPLAYED_HEADER,
} from 'parley-contract';
import type {Comment, CommentPage} from 'parley-contract';
import {Hono} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, unprocessable} from '../errors.js';
import {notAllowed, sha256, threadOf, viewerOf} from '../request.js';
import {decodeCursor, encodeCursor, pageSize, sortOrder, validateNewComment} from '../validation.js';

const JSON_UTF8 = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export function commentRoutes({config, storage, log, reads, posts}: Deps) {
  const rules = {minLength: config.minLength, maxLength: config.maxLength};
  const app = new Hono<AppEnv>();

  app.get('/threads/:thread/comments', reads, async (c) => {
    const thread = threadOf(c);
    const limit = pageSize(c.req.query('limit'));
    const sort = sortOrder(c.req.query('sort'));
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : decodeCursor(cursor, sort);
    const [page, closed] = await Promise.all([
      storage.list(thread, {limit, sort, after, viewer: viewerOf(c)}),
      storage.isThreadClosed(thread),
    ]);
    return c.json({
      comments: page.comments,
      nextCursor: page.lastSeq === null ? null : encodeCursor(sort, page.lastSeq),
      total: page.total,
      // A moderator closed it (the console): said only then, so an open thread's page is v1's.
      ...(closed ? {closed: true} : {}),
    } satisfies CommentPage);
  });

  // The rest of the body is not read: the connection cannot carry another request.
  const tooLarge = () => {
    throw new HttpError(413, 'too_long', `The request body is larger than ${config.maxBodyBytes} bytes.`, undefined, {
      Connection: 'close',
    });
  };

  app.post('/threads/:thread/comments', posts, bodyLimit({maxSize: config.maxBodyBytes, onError: tooLarge}), async (c) => {
    const thread = threadOf(c);
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (!key) throw badRequest('The Idempotency-Key header is required (a UUID per comment).');
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw badRequest('The Idempotency-Key must be 1 to 255 visible ASCII characters.');
    if (!JSON_UTF8.test(c.req.header('content-type') ?? ''))
      throw badRequest('Send the comment as Content-Type: application/json (UTF-8).');
    // A client that goes away before the whole body came: app.onError answers 400 (clientWentAway).
    const bytes = await c.req.arrayBuffer();
    let text: string;
    try {
      text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
    } catch {
      throw badRequest('The request body is not valid UTF-8.');
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON.');
    }
    const fields = validateNewComment(input, rules);
    const status = config.moderation === 'pending' ? 'pending' : 'published';
    const given = c.req.header(AUTHOR_HEADER);
    const token = given && AUTHOR_TOKEN_PATTERN.test(given) ? given : randomBytes(32).toString('base64url');

    if (fields.website.trim() !== '') {
      // Honeypot: only a bot fills the hidden "website" field. It gets a convincing answer,
      // and nothing is stored or shown to anyone.
      log.info(`honeypot: dropped a comment from ${c.var.client} on thread ${JSON.stringify(thread)}`, {reqId: c.var.requestId});
      const fake: Comment = {
        id: randomUUID(),
        threadId: thread,
        parentId: fields.parentId,
        author: {name: fields.name, avatarUrl: null},
        body: fields.body,
        createdAt: new Date().toISOString(),
        status,
      };
      c.header(AUTHOR_HEADER, token);
      return c.json(fake, 201);
    }

    if (await storage.isThreadClosed(thread)) {
      throw new HttpError(403, 'closed', 'Comments on this thread are closed.');
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
        if (status === 'pending')
          log.info(`moderation: comment ${result.comment.id} on ${JSON.stringify(thread)} awaits approval`, {
            reqId: c.var.requestId,
          });
        c.header(AUTHOR_HEADER, result.authorToken ?? token);
        return c.json(result.comment, 201);
      case 'replayed':
        c.header(AUTHOR_HEADER, result.authorToken ?? token);
        c.header(REPLAYED_HEADER, 'true');
        return c.json(result.comment, 200);
      case 'conflict':
        throw unprocessable('This Idempotency-Key was already used for a different comment; use a new key.');
      case 'gone':
        // The comment this key made was deleted by a moderator: a retry must not bring it back.
        throw new HttpError(410, 'invalid', 'The comment sent with this Idempotency-Key was deleted by a moderator.');
      case 'no_parent':
        throw unprocessable('The comment replied to does not exist in this thread.', 'parentId');
    }
  });

  app.all('/threads/:thread/comments', notAllowed('GET, HEAD, POST'));
  return app;
}
