import type {Comment, CommentPage, Features, SortOrder} from '../adapters/adapter.js';
import {ParleyError} from '../adapters/adapter.js';

// Everything a backend or an adapter hands the widget is untrusted: these checks run
// before any of it is used.

type Json = Record<string, unknown>;

/** A `bad_response` error naming the field at fault, as a path (`comments[3].body`). */
export function fail(field: string): never {
  throw new ParleyError('bad_response', `The server sent an unexpected response (${field}).`, {field});
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null | undefined => v == null || isString(v);
export const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
export const isOptional =
  <T>(ok: (v: unknown) => v is T) =>
  (v: unknown): v is T | undefined =>
    v === undefined || ok(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isDate = (v: unknown): v is string => isString(v) && !Number.isNaN(Date.parse(v));
const isDateOrNull = (v: unknown): v is string | null | undefined => v == null || isDate(v);
const SORTS: readonly SortOrder[] = ['oldest', 'newest', 'top'];

/** `o[key]` when `ok` accepts it; else a `bad_response` error naming the field. */
export function field<T>(o: Json, key: string, where: string, ok: (v: unknown) => v is T): T {
  const v = o[key];
  if (!ok(v)) fail(`${where}.${key}`);
  return v;
}

/** Validates one comment and returns a clean copy holding only known fields. */
export function parseComment(v: unknown, where = 'comment'): Comment {
  if (!isObject(v)) fail(where);
  const author = field(v, 'author', where, isObject);
  const status = v.status ?? 'published';
  if (status !== 'published' && status !== 'pending') fail(`${where}.status`);
  const comment: Comment = {
    id: field(v, 'id', where, isString),
    threadId: field(v, 'threadId', where, isString),
    parentId: field(v, 'parentId', where, isStringOrNull) ?? null,
    author: {
      name: field(author, 'name', `${where}.author`, isString),
      avatarUrl: field(author, 'avatarUrl', `${where}.author`, isStringOrNull) ?? null,
    },
    body: field(v, 'body', where, isString),
    createdAt: field(v, 'createdAt', where, isDate),
    status,
  };
  // The fields of the contract's later features: absent from a v1 backend, checked when sent.
  const likes = field(v, 'likes', where, isOptional(isCount));
  if (likes !== undefined) {
    comment.likes = likes;
    // Absent from the event stream (one stream for every reader): the known `liked` stays.
    const liked = field(v, 'liked', where, isOptional(isBoolean));
    if (liked !== undefined) comment.liked = liked;
  }
  const editedAt = field(v, 'editedAt', where, isDateOrNull);
  if (editedAt) comment.editedAt = editedAt;
  if (field(v, 'deleted', where, isOptional(isBoolean))) comment.deleted = true;
  return comment;
}

/** Validates a page's `features`; what a client does not know is left out. */
function parseFeatures(v: unknown): Features | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) fail('page.features');
  const features: Features = {};
  for (const flag of ['reactions', 'locate', 'updates', 'reports'] as const)
    if (field(v, flag, 'page.features', isOptional(isBoolean))) features[flag] = true;
  const window = field(v, 'editWindow', 'page.features', isOptional(isCount));
  if (window) features.editWindow = window;
  const sorts = field(v, 'sorts', 'page.features', isOptional(Array.isArray)) as unknown[] | undefined;
  if (sorts) features.sorts = SORTS.filter((s) => sorts.includes(s));
  return features;
}

const left = new WeakMap<CommentPage, string[]>();

/**
 * Checks a page and returns a clean copy. A page that is not one (no list of comments, a
 * `total` that is not a count …) is a `bad_response`; a malformed comment is left out, so
 * that one bad comment does not blank the thread, and {@link leftOut} names its field.
 */
export function parsePage(v: unknown): CommentPage {
  if (!isObject(v)) fail('page');
  const faults: string[] = [];
  const comments: Comment[] = [];
  field(v, 'comments', 'page', Array.isArray).forEach((c, i) => {
    try {
      comments.push(parseComment(c, `comments[${i}]`));
    } catch (error) {
      faults.push((error as ParleyError).field!);
    }
  });
  const page: CommentPage = {
    comments,
    nextCursor: field(v, 'nextCursor', 'page', isStringOrNull) ?? null,
    total: field(v, 'total', 'page', isCount),
  };
  const features = parseFeatures(v.features);
  if (features) page.features = features;
  if (field(v, 'closed', 'page', isOptional(isBoolean))) page.closed = true;
  const last = field(v, 'lastEventId', 'page', isOptional(isString));
  if (last) page.lastEventId = last;
  left.set(page, faults);
  return page;
}

/** The fields at fault of the comments {@link parsePage} left out of `page`; undefined when it did not check it. */
export function leftOut(page: CommentPage): readonly string[] | undefined {
  return left.get(page);
}

/** Validates the answer of `GET /counts`. */
export function parseCounts(v: unknown, threads: string[]): Record<string, number> {
  const counts = field(isObject(v) ? v : fail('answer'), 'counts', 'answer', isObject);
  return Object.fromEntries(threads.map((t) => [t, Object.hasOwn(counts, t) ? field(counts, t, 'counts', isCount) : 0]));
}
