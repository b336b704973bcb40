// Public routes of the REST contract: a thread's comments, listed and posted; one comment
// located, edited or deleted by its author (with its secret), liked by readers (with their
// author token).
import {randomBytes, randomUUID} from 'node:crypto';
import {
  AUTHOR_HEADER,
  AUTHOR_TOKEN_PATTERN,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  REPLAYED_HEADER,
  SECRET_HEADER,
  SECRET_PATTERN,
} from 'parley-contract';
import type {Context} from 'hono';
import type {Features, LocatedComment, PostedComment, CommentPage, ReactionState, ReportState} from 'parley-contract';
import {Hono} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import type {AppEnv, Deps} from '../env.js';
import {HttpError, badRequest, unprocessable} from '../errors.js';
import {commentOf, notAllowed, sha256, threadOf, viewerOf} from '../request.js';
import type {ChangeQuery, ChangeRefusal, CreateResult} from '../storage/index.js';
import {
  SORTS,
  decodeCursor,
  encodeCursor,
  pageSize,
  sortOrder,
  validateEdit,
  validateNewComment,
  validateReport,
} from '../validation.js';

const JSON_UTF8 = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** The answers of a refused edit, deletion or reaction. */
const REFUSED: Record<ChangeRefusal['kind'], HttpError> = {
  not_found: new HttpError(404, 'not_found', 'No such comment in this thread.', 'id'),
  forbidden: new HttpError(403, 'forbidden', 'The secret of this comment is missing or wrong.', SECRET_HEADER),
  expired: new HttpError(403, 'expired', 'The time for editing or deleting this comment has passed.'),
  gone: new HttpError(410, 'gone', 'This comment was deleted.', 'id'),
};

/** A post to a closed thread (by a moderator, or by AUTO_CLOSE_DAYS). */
const CLOSED = new HttpError(403, 'closed', 'Comments on this thread are closed.');
/** A banned author's post: said plainly, without saying why (nor that there is a ban). */
const BANNED = new HttpError(403, 'forbidden', 'This comment cannot be accepted.');

const DAY_MS = 24 * 3600 * 1000;

/** Reads a JSON request body: UTF-8 `application/json`, else 400. */
async function readJson(c: Context<AppEnv>): Promise<unknown> {
  if (!JSON_UTF8.test(c.req.header('content-type') ?? ''))
    throw badRequest('Send the body as Content-Type: application/json (UTF-8).');
  // A client that goes away before the whole body came: app.onError answers 400 (clientWentAway).
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

/** The reader's author token, which a reaction or a report needs: 400 naming the header without one. */
function readerOf(c: Context<AppEnv>, what = 'A reaction'): string {
  const viewer = viewerOf(c);
  if (viewer === null)
    throw badRequest(`${what} needs the reader's ${AUTHOR_HEADER} token (32 random bytes, base64url).`, AUTHOR_HEADER);
  return viewer;
}

/** Whether the thread is closed now: by a moderator, or by its age (AUTO_CLOSE_DAYS, unless a moderator reopened it). */
export const isClosedNow = ({config, storage, now}: Pick<Deps, 'config' | 'storage' | 'now'>, thread: string) =>
  storage.isThreadClosed(thread, config.autoCloseDays === null ? null : new Date(now() - config.autoCloseDays * DAY_MS));

export function commentRoutes({config, storage, log, hub, reads, posts, reactions, now}: Deps) {
  const rules = {minLength: config.minLength, maxLength: config.maxLength};
  const windowSeconds = config.editWindowSeconds;
  const features: Features = {
    reactions: true,
    ...(windowSeconds > 0 ? {editWindow: windowSeconds} : {}),
    locate: true,
    sorts: [...SORTS],
    updates: true,
    reports: true,
  };
  const isClosed = (thread: string) => isClosedNow({config, storage, now}, thread);
  /** A fresh secret for a new comment (none while editing is off). */
  const newSecret = () => (windowSeconds > 0 ? randomBytes(32).toString('base64url') : null);
  const app = new Hono<AppEnv>();

  app.get('/threads/:thread/comments', reads, async (c) => {
    const thread = threadOf(c);
    const limit = pageSize(c.req.query('limit'));
    const sort = sortOrder(c.req.query('sort'));
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : decodeCursor(cursor, sort);
    // The stream's position first: a comment published while the page is read comes again
    // to a reader who resumes from it, never not at all.
    const lastEvent = await storage.lastEvent(thread);
    const [page, closed] = await Promise.all([storage.list(thread, {limit, sort, after, viewer: viewerOf(c)}), isClosed(thread)]);
    return c.json({
      comments: page.comments,
      nextCursor: page.last === null ? null : encodeCursor(sort, page.last),
      total: page.total,
      features,
      // A moderator closed it (the console): said only then, so an open thread's page is v1's.
      ...(closed ? {closed: true} : {}),
      lastEventId: String(lastEvent),
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
    const fields = validateNewComment(await readJson(c), rules);
    const status = config.moderation === 'pending' ? 'pending' : 'published';
    const given = c.req.header(AUTHOR_HEADER);
    const token = given && AUTHOR_TOKEN_PATTERN.test(given) ? given : randomBytes(32).toString('base64url');

    if (fields.website.trim() !== '') {
      // Honeypot: only a bot fills the hidden "website" field. It gets a convincing answer,
      // and nothing is stored or shown to anyone.
      log.info(`honeypot: dropped a comment from ${c.var.client} on thread ${JSON.stringify(thread)}`, {reqId: c.var.requestId});
      const secret = newSecret();
      const fake: PostedComment = {
        id: randomUUID(),
        threadId: thread,
        parentId: fields.parentId,
        author: {name: fields.name, avatarUrl: null},
        body: fields.body,
        createdAt: new Date().toISOString(),
        status,
        likes: 0,
        liked: false,
        editedAt: null,
        ...(secret ? {secret} : {}),
      };
      c.header(AUTHOR_HEADER, token);
      return c.json(fake, 201);
    }

    const fingerprint = sha256(JSON.stringify([thread, fields.name, fields.email, fields.body, fields.parentId]));
    const authorHash = sha256(token);
    const [closed, ban] = await Promise.all([isClosed(thread), storage.banOf(fields.email, authorHash)]);
    const refusal = closed ? CLOSED : ban && !ban.shadow ? BANNED : null;
    let result: CreateResult;
    if (refusal) {
      // A retry of a post accepted before the thread closed (or the ban came) gets its answer again.
      const replayed = await storage.replay(key, fingerprint);
      if (!replayed) throw refusal;
      result = replayed;
    } else {
      const secret = newSecret();
      result = await storage.create({
        key,
        fingerprint,
        thread,
        parentId: fields.parentId,
        name: fields.name,
        email: fields.email,
        body: fields.body,
        status,
        authorHash,
        authorToken: token,
        secret,
        secretHash: secret ? sha256(secret) : null,
        // Looks accepted to its author, and is shown to nobody else.
        shadow: ban?.shadow === true,
      });
    }
    switch (result.kind) {
      case 'created':
        if (status === 'pending') {
          log.info(`moderation: comment ${result.comment.id} on ${JSON.stringify(thread)} awaits approval`, {
            reqId: c.var.requestId,
          });
          hub.moderated();
        }
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

  /** Who asks to change the comment of the URL, with which secret, now. */
  const changeOf = (c: Context<AppEnv>): ChangeQuery => {
    // Editing is off: every window has passed.
    if (windowSeconds === 0) throw REFUSED.expired;
    const secret = c.req.header(SECRET_HEADER);
    return {
      ...commentOf(c),
      secretHash: secret && SECRET_PATTERN.test(secret) ? sha256(secret) : null,
      now: now(),
      windowSeconds,
    };
  };

  app.get('/threads/:thread/comments/:id', reads, async (c) => {
    const {thread, id} = commentOf(c);
    const sort = sortOrder(c.req.query('sort'));
    const found = await storage.locate(thread, id, sort, viewerOf(c));
    if (found.kind === 'not_found') throw REFUSED.not_found;
    const {comment, rootId, before} = found;
    return c.json({comment, rootId, before} satisfies LocatedComment);
  });

  app.patch('/threads/:thread/comments/:id', posts, bodyLimit({maxSize: config.maxBodyBytes, onError: tooLarge}), async (c) => {
    const query = changeOf(c);
    const body = validateEdit(await readJson(c), rules);
    const result = await storage.edit(query, body);
    if (result.kind !== 'edited') throw REFUSED[result.kind];
    if (result.changed)
      log.info(`comment ${query.id} on ${JSON.stringify(query.thread)} edited by its author`, {reqId: c.var.requestId});
    return c.json(result.comment);
  });

  app.delete('/threads/:thread/comments/:id', posts, async (c) => {
    const query = changeOf(c);
    const result = await storage.delete(query);
    switch (result.kind) {
      case 'placeholder':
        return c.json(result.comment);
      case 'removed':
        return c.body(null, 204);
      default:
        throw REFUSED[result.kind];
    }
  });

  const react = (like: boolean) => async (c: Context<AppEnv>) => {
    const {thread, id} = commentOf(c);
    const result = await storage.react(thread, id, readerOf(c), like);
    if (result.kind !== 'reacted') throw REFUSED[result.kind];
    return c.json({likes: result.likes, liked: result.liked} satisfies ReactionState);
  };
  // A reader's report: one per reader per comment; REPORT_THRESHOLD of them move a published
  // comment to the console's reported queue (REPORTED_VISIBILITY: shown to readers meanwhile or not).
  app.put(
    '/threads/:thread/comments/:id/reports',
    reactions,
    bodyLimit({maxSize: config.maxBodyBytes, onError: tooLarge}),
    async (c) => {
      const {thread, id} = commentOf(c);
      const reader = readerOf(c, 'A report');
      const {reason, note} = validateReport(await readJson(c));
      const result = await storage.report({
        thread,
        id,
        reader,
        reason,
        note,
        threshold: config.reportThreshold,
        hide: config.reportedVisibility === 'hidden',
      });
      if (result.kind !== 'reported') throw REFUSED[result.kind];
      if (result.queued) {
        log.info(`reports: comment ${id} on ${JSON.stringify(thread)} reached ${config.reportThreshold} reports`, {
          reqId: c.var.requestId,
        });
        hub.moderated();
      }
      return c.json({reported: true} satisfies ReportState);
    }
  );
  app.put('/threads/:thread/comments/:id/reactions/like', reactions, react(true));
  app.delete('/threads/:thread/comments/:id/reactions/like', reactions, react(false));

  app.all('/threads/:thread/comments', notAllowed('GET, HEAD, POST'));
  app.all('/threads/:thread/comments/:id', notAllowed('GET, HEAD, PATCH, DELETE'));
  app.all('/threads/:thread/comments/:id/reactions/like', notAllowed('PUT, DELETE'));
  app.all('/threads/:thread/comments/:id/reports', notAllowed('PUT'));
  return app;
}
