// What both drivers share for the console: the queue's WHERE clause, its rows read back
// into comments with their parents, and audit rows.
import type {AdminQueueComment, AuditEntry} from 'parley-contract';
import {toAdminComment} from './rows.js';
import type {CommentRow} from './rows.js';
import type {Sequenced} from './types.js';

/** The parent's columns, selected beside the comment's as `p_<column>`. */
export const PARENT_COLUMNS = ['id', 'thread_id', 'parent_id', 'author_name', 'author_email', 'body', 'status', 'created_at']
  .map((c) => `p.${c} AS p_${c}`)
  .join(', ');

/** A LIKE pattern matching `text` anywhere, with `\` escaping LIKE's own wildcards. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export type QueueRow = CommentRow & {[K in keyof CommentRow as `p_${K & string}`]?: CommentRow[K] | null};

export function toQueueComment(row: QueueRow): Sequenced<AdminQueueComment> {
  const {comment, seq} = toAdminComment(row);
  if (comment.parentId === null) return {comment, seq};
  const parent =
    row.p_id == null
      ? null
      : toAdminComment({
          seq: 0,
          id: row.p_id,
          thread_id: row.p_thread_id!,
          parent_id: row.p_parent_id ?? null,
          author_name: row.p_author_name!,
          author_email: row.p_author_email ?? null,
          body: row.p_body!,
          status: row.p_status!,
          created_at: row.p_created_at!,
        }).comment;
  return {comment: {...comment, parent}, seq};
}

export interface AuditRow {
  seq: number | string;
  at: string | Date;
  actor: string;
  action: string;
  comment_id: string | null;
  thread_id: string | null;
  detail: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at instanceof Date ? r.at.toISOString() : r.at,
  actor: r.actor,
  action: r.action,
  commentId: r.comment_id,
  threadId: r.thread_id,
  detail: r.detail,
});
