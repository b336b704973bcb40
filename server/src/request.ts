// Reading what every route needs from a request.
import {createHash} from 'node:crypto';
import {AUTHOR_HEADER, AUTHOR_TOKEN_PATTERN} from 'parley-contract';
import type {Context} from 'hono';
import type {AppEnv} from './env.js';
import {HttpError, notFound} from './errors.js';
import {commentId, threadId} from './validation.js';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The thread of `/…/threads/{thread}/{tail}`, decoded and checked. Read from the URL
 * itself: router parameters are decoded once already, and `%25` would be decoded twice.
 */
export function threadOf(c: Context): string {
  const m = /\/threads\/([^/]*)\/(?:comments|events)$/.exec(new URL(c.req.url).pathname);
  if (!m) throw notFound();
  return threadId(m[1] ?? '');
}

/**
 * The thread and the comment of `/…/threads/{thread}/comments/{id}[/reactions/like | /reports]`, read
 * from the URL like {@link threadOf}. An id no comment can have is 404 `not_found`.
 */
export function commentOf(c: Context): {thread: string; id: string} {
  const m = /\/threads\/([^/]*)\/comments\/([^/]*)(?:\/reactions\/like|\/reports)?$/.exec(new URL(c.req.url).pathname);
  if (!m) throw notFound();
  const thread = threadId(m[1] ?? '');
  const id = commentId(m[2] ?? '');
  if (id === null) throw new HttpError(404, 'not_found', 'No such comment in this thread.', 'id');
  return {thread, id};
}

/** Hash of the reader's author token, when the request carries a well-formed one. */
export function viewerOf(c: Context): string | null {
  const token = c.req.header(AUTHOR_HEADER);
  return token && AUTHOR_TOKEN_PATTERN.test(token) ? sha256(token) : null;
}

/** A handler answering `405` with `Allow`, for the methods a route does not have. */
export const notAllowed = (allow: string) => (c: Context) => {
  throw new HttpError(405, 'invalid', `${c.req.method} is not allowed here.`, undefined, {Allow: allow});
};

/**
 * Whether the client went away before its request was read to the end (a reset, a body
 * shorter than its Content-Length, a chunked body cut off): what failed then is the
 * client's request, not the server. Only a request on a socket can tell.
 */
export function clientWentAway(c: Context<AppEnv>): boolean {
  const incoming = c.env.incoming;
  return !!incoming && !incoming.complete && (incoming.destroyed || incoming.readableAborted);
}
