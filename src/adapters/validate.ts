import type {Comment, CommentPage} from './adapter.js';
import {ParleyError} from './adapter.js';

// Everything a backend returns is untrusted: these checks run before any of it is used.

type Json = Record<string, unknown>;

function fail(what: string): never {
  throw new ParleyError('bad_response', `The server sent an unexpected response (${what}).`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${where}.${key} is not a string`);
  return v;
}

/** Validates one comment and returns a clean copy holding only known fields. */
export function parseComment(v: unknown, where = 'comment'): Comment {
  if (!isObject(v)) fail(`${where} is not an object`);
  const author = v.author;
  if (!isObject(author)) fail(`${where}.author is not an object`);
  const parentId = v.parentId ?? null;
  if (parentId !== null && typeof parentId !== 'string') fail(`${where}.parentId is not a string`);
  const avatarUrl = author.avatarUrl ?? null;
  if (avatarUrl !== null && typeof avatarUrl !== 'string') fail(`${where}.author.avatarUrl is not a string`);
  const status = v.status ?? 'published';
  if (status !== 'published' && status !== 'pending') fail(`${where}.status is unknown`);
  const createdAt = str(v, 'createdAt', where);
  if (Number.isNaN(Date.parse(createdAt))) fail(`${where}.createdAt is not a date`);
  return {
    id: str(v, 'id', where),
    threadId: str(v, 'threadId', where),
    parentId,
    author: {name: str(author, 'name', `${where}.author`), avatarUrl},
    body: str(v, 'body', where),
    createdAt,
    status,
  };
}

/** Validates a page of comments. */
export function parsePage(v: unknown): CommentPage {
  if (!isObject(v)) fail('the page is not an object');
  if (!Array.isArray(v.comments)) fail('comments is not a list');
  const nextCursor = v.nextCursor ?? null;
  if (nextCursor !== null && typeof nextCursor !== 'string') fail('nextCursor is not a string');
  const total = v.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) fail('total is not a count');
  return {comments: v.comments.map((c, i) => parseComment(c, `comments[${i}]`)), nextCursor, total};
}

/** Validates the answer of `GET /counts`. */
export function parseCounts(v: unknown, threads: string[]): Record<string, number> {
  if (!isObject(v) || !isObject(v.counts)) fail('counts is not an object');
  const counts = v.counts;
  return Object.fromEntries(
    threads.map((t) => {
      const n = Object.hasOwn(counts, t) ? counts[t] : 0;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(`counts of ${t} is not a count`);
      return [t, n];
    })
  );
}
