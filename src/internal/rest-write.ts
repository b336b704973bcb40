import type {
  Comment,
  LocatedComment,
  NewComment,
  PostedComment,
  ReactionState,
  ReportReason,
  SortOrder,
} from '../adapters/adapter.js';
import {ParleyError, isErrorCode} from '../adapters/adapter.js';
import {IDEMPOTENCY_KEY_HEADER, SECRET_HEADER, commentPath} from 'parley-contract';
import type {Connection} from './rest-client.js';
import {author, request, threadUrl} from './rest-client.js';
import {parseComment} from './validate.js';
import {parseLocated, parsePosted, parseReaction, parseReport} from './validate-answers.js';

// What the REST adapter sends: posts, likes, edits, deletions, and locating a comment, in a
// chunk of its own (dist/parley-rest-write.js), fetched by the first of them. Each answer
// is checked before use, as a page's are.

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The {@link ParleyError} of an answer that is not 2xx, from its status and the contract's error body. */
export function httpError(response: Response, text: string): ParleyError {
  const status = response.status;
  if (status === 429) {
    return new ParleyError('rate_limited', 'Too many requests.', {
      status,
      retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
    });
  }
  if (status === 413) return new ParleyError('too_long', 'The comment is too large for the server.', {status});
  if (status >= 400 && status < 500) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: an HTML error page or a proxy message.
    }
    const error = (body as {error?: {code?: unknown; message?: unknown; field?: unknown}} | undefined)?.error;
    // Without the contract's error body, a 404 or 401 is a proxy or a wrong endpoint:
    // a fault of the backend, not of the reader's comment.
    const code = isErrorCode(error?.code) ? error.code : status === 400 || status === 422 ? 'invalid' : 'server';
    const message = typeof error?.message === 'string' ? error.message : `The server refused the request (${status}).`;
    const field = typeof error?.field === 'string' ? error.field : undefined;
    return new ParleyError(code, message, {status, field});
  }
  return new ParleyError('server', `The server failed (${status}).`, {status});
}

/** A new author token: 32 random bytes, base64url (43 characters). */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function commentUrl(c: Connection, thread: string, id: string, tail?: 'reactions/like' | 'reports', query = ''): string {
  const path = commentPath(thread, id, tail);
  if (!path) throw new ParleyError('invalid', `The comment "${id}" of thread "${thread}" cannot be used in a URL.`);
  return `${c.endpoint}${path}${query}`;
}

export async function post(
  c: Connection,
  thread: string,
  input: NewComment,
  o: {idempotencyKey: string; signal?: AbortSignal}
): Promise<PostedComment> {
  const init: RequestInit = {
    method: 'POST',
    headers: {'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: o.idempotencyKey},
    body: JSON.stringify(input),
  };
  return parsePosted(await request(c, threadUrl(c, thread, 'comments'), o.signal, init));
}

export async function react(
  c: Connection,
  thread: string,
  id: string,
  like: boolean,
  o: {signal?: AbortSignal}
): Promise<ReactionState> {
  if (!author(c)) author(c, newToken());
  const init = {method: like ? 'PUT' : 'DELETE'};
  return parseReaction(await request(c, commentUrl(c, thread, id, 'reactions/like'), o.signal, init));
}

/** Reports a comment as this reader (see the `report` method of the REST client). */
export async function report(
  c: Connection,
  thread: string,
  id: string,
  reason: ReportReason,
  note: string | null,
  o: {signal?: AbortSignal}
): Promise<void> {
  if (!author(c)) author(c, newToken());
  const init = {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({reason, note})};
  parseReport(await request(c, commentUrl(c, thread, id, 'reports'), o.signal, init));
}

export async function edit(
  c: Connection,
  thread: string,
  id: string,
  body: string,
  o: {secret: string; signal?: AbortSignal}
): Promise<Comment> {
  const init: RequestInit = {
    method: 'PATCH',
    headers: {'Content-Type': 'application/json', [SECRET_HEADER]: o.secret},
    body: JSON.stringify({body}),
  };
  return parseComment(await request(c, commentUrl(c, thread, id), o.signal, init));
}

export async function remove(
  c: Connection,
  thread: string,
  id: string,
  o: {secret: string; signal?: AbortSignal}
): Promise<Comment | null> {
  const answer = await request(c, commentUrl(c, thread, id), o.signal, {method: 'DELETE', headers: {[SECRET_HEADER]: o.secret}});
  return answer === null ? null : parseComment(answer);
}

export async function locate(
  c: Connection,
  thread: string,
  id: string,
  q: {sort: SortOrder},
  o: {signal?: AbortSignal}
): Promise<LocatedComment | null> {
  try {
    return parseLocated(await request(c, commentUrl(c, thread, id, undefined, `?sort=${q.sort}`), o.signal));
  } catch (error) {
    if (error instanceof ParleyError && error.code === 'not_found') return null;
    throw error;
  }
}
