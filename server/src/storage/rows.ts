// What both drivers do with the rows they read: a row becomes a Comment of the contract,
// and a page is the top-level rows followed by their replies.
import {randomUUID, timingSafeEqual} from 'node:crypto';
import type {AdminComment, Comment, CommentStatus, PostedComment} from 'parley-contract';
import type {ChangeQuery, CreateInput, PagePosition, Sequenced} from './types.js';

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
  likes?: number | string;
  /** Whether the viewer likes it: only in the rows of a list (or locate), which know the viewer. */
  liked?: number | boolean | null;
  edited_at?: string | Date | null;
  /** 0 live, 1 placeholder, 2 removed. */
  deleted?: number;
  /** Bits of {@link WITHHELD}. */
  withheld?: number;
  reported_at?: string | Date | null;
}

/** What deciding on an edit or a deletion reads of a row. */
export interface ChangeRow {
  secret_hash: string | null;
  deleted: number;
  created_at: string | Date;
}

const iso = (d: string | Date): string => (d instanceof Date ? d.toISOString() : d);

/** `deleted` values of a row: live, a placeholder kept for its replies, removed from every list. */
export const STATE = {live: 0, placeholder: 1, removed: 2} as const;

/** Bits of `withheld`: why a comment is shown to its author only. */
export const WITHHELD = {shadow: 1, reported: 2} as const;

/**
 * The condition (on rows of `comments`, unaliased) of a withheld comment that holds replies
 * everyone sees: it is listed to others as a placeholder, so that its replies keep their
 * place (as an author's deletion leaves one); it is not counted, as placeholders are not.
 */
export const HOLDER = `(deleted = ${STATE.live} AND withheld <> 0 AND status = 'published' AND EXISTS (
  SELECT 1 FROM comments r WHERE r.parent_id = comments.id AND r.deleted < ${STATE.removed} AND r.status = 'published' AND r.withheld = 0))`;

/** A listed row as the reader sees it: someone else's withheld comment (a holder) is a placeholder. */
export const asListed = <R extends CommentRow>(row: R, own: boolean): R =>
  (row.withheld ?? 0) !== 0 && !own ? {...row, deleted: STATE.placeholder} : row;

/**
 * Database row → Comment. A deleted one is its placeholder (empty text and name, `deleted`);
 * `liked` is there when the row says it (a list for a viewer).
 */
export function toComment(row: CommentRow): Comment {
  const deleted = (row.deleted ?? STATE.live) !== STATE.live;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id ?? null,
    author: {name: deleted ? '' : row.author_name, avatarUrl: null},
    body: deleted ? '' : row.body,
    createdAt: iso(row.created_at),
    status: row.status as CommentStatus,
    likes: Number(row.likes ?? 0),
    ...(row.liked === undefined ? {} : {liked: !!row.liked}),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    ...(deleted ? {deleted: true} : {}),
  };
}

/** The comment `create` stores for `input`: a new random id and the time now, unless seeding says otherwise. */
export function newComment(input: CreateInput): PostedComment {
  return {
    id: input.id ?? randomUUID(),
    threadId: input.thread,
    parentId: input.parentId,
    author: {name: input.name, avatarUrl: null},
    body: input.body,
    createdAt: input.createdAt ?? new Date().toISOString(),
    status: input.status,
    likes: 0,
    liked: false,
    editedAt: null,
    ...(input.secret ? {secret: input.secret} : {}),
  };
}

/**
 * A comment as the event stream carries it: without the secret of a post's answer, and
 * without `liked` (one stream serves every reader; each keeps its own).
 */
export function eventComment(comment: PostedComment): Comment {
  const {secret: _secret, liked: _liked, ...shared} = comment;
  return shared;
}

/** Whether the secret sent is the row's (compared in constant time). */
export function secretMatches(row: ChangeRow, q: ChangeQuery): boolean {
  if (!row.secret_hash || row.secret_hash.length !== q.secretHash?.length) return false;
  return timingSafeEqual(Buffer.from(row.secret_hash), Buffer.from(q.secretHash));
}

/** Whether the row's edit window is still open at `q.now`. */
export const windowOpen = (row: ChangeRow, q: ChangeQuery): boolean =>
  q.now < Date.parse(iso(row.created_at)) + q.windowSeconds * 1000;

export function toAdminComment(row: CommentRow): Sequenced<AdminComment> {
  const comment = toComment(row);
  const {liked: _, ...shown} = comment;
  return {comment: {...shown, author: {...shown.author, email: row.author_email ?? null}}, seq: Number(row.seq)};
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

/** Where a top-level row is in a sort: what the next page's cursor holds. */
const position = (r: PageRow): PagePosition => ({seq: r.seq, likes: r.comment.likes ?? 0});

/**
 * A page: each of `roots` (fetched with a limit of `limit + 1`) followed by its
 * `replies` in their order; `last` is the cursor of the next page, if there is one.
 */
export function assemblePage(
  roots: PageRow[],
  replies: PageRow[],
  limit: number
): {comments: Comment[]; last: PagePosition | null} {
  const page = cut(roots, limit);
  const byRoot = new Map(page.rows.map((r) => [r.seq, [r.comment]]));
  for (const r of replies) if (r.rootSeq !== null) byRoot.get(r.rootSeq)?.push(r.comment);
  return {comments: [...byRoot.values()].flat(), last: page.last ? position(page.last) : null};
}
