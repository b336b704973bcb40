import type {Comment, CommentPage, ListQuery, NewComment} from '../adapters/adapter.js';
import {ParleyError} from '../adapters/adapter.js';
import {uuid} from './id.js';
import {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, checkBody, checkName, normalizeText} from 'parley-contract';
import type {LengthRules} from 'parley-contract';

/**
 * One thread kept in the browser, shared by the `memory` and `local` adapters: the
 * comments in the order they were created, and the idempotency keys already used.
 */
export interface ThreadData {
  comments: Comment[];
  keys: Record<string, string>;
}

export function emptyThread(): ThreadData {
  return {comments: [], keys: {}};
}

/**
 * A page of top-level comments, each followed by its replies, the way REST contract v1
 * pages a thread. The cursor is the offset of the next top-level comment.
 */
export function pageOf(data: ThreadData, q: ListQuery): CommentPage {
  const byAge = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const roots = data.comments.filter((c) => c.parentId === null).sort(byAge);
  if (q.sort === 'newest') roots.reverse();
  const offset = q.cursor ? Number.parseInt(q.cursor, 10) || 0 : 0;
  const limit = Math.max(1, q.limit ?? 50);
  const slice = roots.slice(offset, offset + limit);
  const ids = new Set(slice.map((c) => c.id));
  const replies = data.comments.filter((c) => c.parentId !== null && ids.has(c.parentId)).sort(byAge);
  const next = offset + limit;
  return {
    comments: slice.flatMap((root) => [root, ...replies.filter((r) => r.parentId === root.id)]),
    nextCursor: next < roots.length ? String(next) : null,
    total: data.comments.length,
  };
}

/**
 * Adds a comment to `data` after validating it with the shared counting rule. The same
 * idempotency key returns the comment it created before and adds nothing.
 */
export function addComment(
  data: ThreadData,
  thread: string,
  input: NewComment,
  idempotencyKey: string,
  rules: LengthRules = {minLength: DEFAULT_MIN_LENGTH, maxLength: DEFAULT_MAX_LENGTH}
): Comment {
  const previous = data.keys[idempotencyKey];
  const existing = previous ? data.comments.find((c) => c.id === previous) : undefined;
  if (existing) return existing;
  // Adapters are called from JavaScript too: the input may be anything.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  const nameViolation = checkName(input?.author?.name ?? '');
  if (nameViolation) throw new ParleyError(nameViolation, 'The name is missing or too long.', {field: 'author.name'});
  const {violation} = checkBody(input.body ?? '', rules);
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  if (violation) throw new ParleyError(violation, 'The comment is too short or too long.', {field: 'body'});
  const parentId = input.parentId ?? null;
  if (parentId !== null && !data.comments.some((c) => c.id === parentId)) {
    throw new ParleyError('invalid', 'The comment replied to does not exist.', {field: 'parentId'});
  }
  const comment: Comment = {
    id: uuid(),
    threadId: thread,
    parentId,
    author: {name: normalizeText(input.author.name), avatarUrl: null},
    body: normalizeText(input.body),
    createdAt: new Date().toISOString(),
    status: 'published',
  };
  data.comments.push(comment);
  data.keys[idempotencyKey] = comment.id;
  return comment;
}
