// What both drivers do with the rows they read: a row becomes a Comment of the contract,
// and a page is the top-level rows followed by their replies.
import {randomUUID} from 'node:crypto';
import type {AdminComment, Comment, CommentStatus} from 'parley-contract';
import type {CreateInput, Sequenced} from './types.js';

/** A `comments` row as both drivers read it (PostgreSQL gives dates and bigints). */
export interface CommentRow {
  seq: number | string;
  root_seq?: number | string | null;
  id: string;
  thread_id: string;
  parent_id: string | null;
  author_name: string;
  author_email?: string | null;
  body: string;
  status: string;
  created_at: string | Date;
}

/** Database row → Comment; `admin` answers also carry the e-mail address. */
export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id ?? null,
    author: {name: row.author_name, avatarUrl: null},
    body: row.body,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at,
    status: row.status as CommentStatus,
  };
}

/** The comment `create` stores for `input`: a new random id and the time now, unless seeding says otherwise. */
export function newComment(input: CreateInput): Comment {
  return {
    id: input.id ?? randomUUID(),
    threadId: input.thread,
    parentId: input.parentId,
    author: {name: input.name, avatarUrl: null},
    body: input.body,
    createdAt: input.createdAt ?? new Date().toISOString(),
    status: input.status,
  };
}

export function toAdminComment(row: CommentRow): Sequenced<AdminComment> {
  const comment = toComment(row);
  return {comment: {...comment, author: {...comment.author, email: row.author_email ?? null}}, seq: Number(row.seq)};
}

/**
 * `rows` fetched with a limit of `limit + 1`: the first `limit` of them, and the last of
 * those when there were more (it holds the next page's cursor).
 */
export function cut<T>(rows: T[], limit: number): {rows: T[]; last: T | undefined} {
  if (rows.length <= limit) return {rows, last: undefined};
  const kept = rows.slice(0, limit);
  return {rows: kept, last: kept.at(-1)};
}

/** A row of a page, reduced to what putting the page together needs. */
export interface PageRow {
  seq: number;
  rootSeq: number | null;
  comment: Comment;
}

/**
 * A page: each of `roots` (fetched with a limit of `limit + 1`) followed by its
 * `replies` in their order; `lastSeq` is the cursor of the next page, if there is one.
 */
export function assemblePage(roots: PageRow[], replies: PageRow[], limit: number): {comments: Comment[]; lastSeq: number | null} {
  const page = cut(roots, limit);
  const byRoot = new Map(page.rows.map((r) => [r.seq, [r.comment]]));
  for (const r of replies) if (r.rootSeq !== null) byRoot.get(r.rootSeq)?.push(r.comment);
  return {comments: [...byRoot.values()].flat(), lastSeq: page.last?.seq ?? null};
}
