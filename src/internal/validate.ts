import type {Comment, CommentPage} from '../adapters/adapter.js';
import {ParleyError} from '../adapters/adapter.js';

// Everything a backend returns is untrusted: these checks run before any of it is used.

type Json = Record<string, unknown>;

function fail(what: string): never {
  throw new ParleyError('bad_response', `The server sent an unexpected response (${what}).`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null | undefined => v == null || isString(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** `o[key]` when `ok` accepts it; else a `bad_response` error naming the field. */
function field<T>(o: Json, key: string, where: string, ok: (v: unknown) => v is T, what = 'a string'): T {
  const v = o[key];
  if (!ok(v)) fail(`${where}.${key} is not ${what}`);
  return v;
}

/** Validates one comment and returns a clean copy holding only known fields. */
export function parseComment(v: unknown, where = 'comment'): Comment {
  if (!isObject(v)) fail(`${where} is not an object`);
  const author = field(v, 'author', where, isObject, 'an object');
  const status = v.status ?? 'published';
  if (status !== 'published' && status !== 'pending') fail(`${where}.status is unknown`);
  const createdAt = field(v, 'createdAt', where, isString);
  if (Number.isNaN(Date.parse(createdAt))) fail(`${where}.createdAt is not a date`);
  return {
    id: field(v, 'id', where, isString),
    threadId: field(v, 'threadId', where, isString),
    parentId: field(v, 'parentId', where, isStringOrNull) ?? null,
    author: {
      name: field(author, 'name', `${where}.author`, isString),
      avatarUrl: field(author, 'avatarUrl', `${where}.author`, isStringOrNull) ?? null,
    },
    body: field(v, 'body', where, isString),
    createdAt,
    status,
  };
}

/** Validates a page of comments. */
export function parsePage(v: unknown): CommentPage {
  if (!isObject(v)) fail('the page is not an object');
  const comments = field(v, 'comments', 'page', Array.isArray, 'a list');
  return {
    comments: comments.map((c, i) => parseComment(c, `comments[${i}]`)),
    nextCursor: field(v, 'nextCursor', 'page', isStringOrNull) ?? null,
    total: field(v, 'total', 'page', isCount, 'a count'),
  };
}

/** Validates the answer of `GET /counts`. */
export function parseCounts(v: unknown, threads: string[]): Record<string, number> {
  const counts = isObject(v) ? field(v, 'counts', 'answer', isObject, 'an object') : fail('the answer is not an object');
  return Object.fromEntries(threads.map((t) => [t, Object.hasOwn(counts, t) ? field(counts, t, 'counts', isCount, 'a count') : 0]));
}
