// What both drivers share for the console: the queue's WHERE clause, its rows read back
// into comments with their parents, and audit rows.
import type {AdminBan, AdminQueueComment, AdminReports, AuditEntry, ReportReason} from 'parley-contract';
import {WITHHELD, toAdminComment} from './rows.js';
import type {CommentRow} from './rows.js';
import type {Sequenced} from './types.js';

/** The parent's columns, selected beside the comment's as `p_<column>`. */
export const PARENT_COLUMNS = ['id', 'thread_id', 'parent_id', 'author_name', 'author_email', 'body', 'status', 'created_at']
  .map((c) => `p.${c} AS p_${c}`)
  .join(', ');

/** A LIKE pattern matching `text` anywhere, with `\` escaping LIKE's own wildcards. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export type QueueRow = CommentRow & {[K in keyof CommentRow as `p_${K & string}`]?: CommentRow[K] | null};

/** The queue a comment is in: a rejected comment is pending, but in the rejected queue; a reported one is published. */
export const QUEUE_OF = `CASE WHEN c.rejected_at IS NOT NULL AND c.status = 'pending' THEN 'rejected'
  WHEN c.reported_at IS NOT NULL AND c.status = 'published' THEN 'reported' ELSE c.status END`;

/** A report as both drivers read it for the queue. */
export interface ReportRow {
  comment_seq: number | string;
  reason: ReportReason;
  note: string | null;
}

/** The reports of each comment (by `seq`), newest first, summed up. */
export function summarizeReports(rows: ReportRow[]): Map<number, AdminReports> {
  const by = new Map<number, AdminReports>();
  for (const r of rows) {
    const seq = Number(r.comment_seq);
    let s = by.get(seq);
    if (!s) by.set(seq, (s = {count: 0, reasons: {spam: 0, abuse: 0, off_topic: 0, other: 0}, notes: []}));
    s.count++;
    s.reasons[r.reason]++;
    if (r.note && s.notes.length < 5) s.notes.push(r.note);
  }
  return by;
}

export function toQueueComment(row: QueueRow, reports?: Map<number, AdminReports>): Sequenced<AdminQueueComment> {
  const {comment: plain, seq} = toAdminComment(row);
  const withheld = row.withheld ?? 0;
  const summary = reports?.get(seq);
  const comment: AdminQueueComment = {
    ...plain,
    ...(summary ? {reports: summary} : {}),
    ...(withheld & WITHHELD.shadow ? {shadowBanned: true} : {}),
    ...(withheld & WITHHELD.reported ? {hidden: true} : {}),
  };
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

export interface BanRow {
  seq: number | string;
  kind: AdminBan['kind'];
  value: string;
  shadow: number;
  name: string | null;
  actor: string;
  created_at: string | Date;
}

export const toBan = (r: BanRow): AdminBan => ({
  id: Number(r.seq),
  kind: r.kind,
  value: r.value,
  shadow: r.shadow === 1,
  name: r.name,
  actor: r.actor,
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at,
});

/**
 * The condition (on comments `c`) of the comments a ban target names: `$kind` and `$value`
 * are the driver's parameters.
 */
export const namedBy = (kind: string, value: string): string =>
  `((${kind} = 'author' AND c.author_hash = ${value}) OR (${kind} = 'email' AND lower(c.author_email) = ${value}))`;

/** The condition (on comments `c`) that a shadow ban names the comment's author. */
export const SHADOW_BANNED = `EXISTS (SELECT 1 FROM bans b WHERE b.shadow = 1 AND ${namedBy('b.kind', 'b.value')})`;
