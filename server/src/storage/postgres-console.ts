// The console's part of the PostgreSQL driver (see console-types.ts).
import type pg from 'pg';
import {PARENT_COLUMNS, QUEUE_OF, containing, summarizeReports, toAuditEntry, toQueueComment} from './console-rows.js';
import type {AuditRow, QueueRow, ReportRow} from './console-rows.js';
import type {ConsoleStorage, QueueStatus} from './console-types.js';
import {cut, STATE} from './rows.js';

/** `$1` the thread or null, `$2` the LIKE pattern or null. */
// Deleted comments (placeholders and removed rows, their text erased) are in no queue.
const FILTER = `c.deleted = ${STATE.live}
  AND ($1::text IS NULL OR c.thread_id = $1)
  AND ($2::text IS NULL OR c.body ILIKE $2 OR c.author_name ILIKE $2 OR c.author_email ILIKE $2)`;

type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/** The console's methods over the driver's pooled `query` (its queue bound and errors classified). */
export function postgresConsole(query: Query): ConsoleStorage {
  return {
    async queueCounts({thread, search}) {
      const {rows} = await query<{queue: QueueStatus; n: string}>(
        `SELECT ${QUEUE_OF} AS queue, count(*) AS n FROM comments c WHERE ${FILTER} GROUP BY 1`,
        [thread, search ? containing(search) : null]
      );
      const counts: Record<QueueStatus, number> = {pending: 0, published: 0, rejected: 0, reported: 0};
      for (const r of rows) counts[r.queue] = Number(r.n);
      return counts;
    },

    async queue({status, sort, limit, after, thread, search}) {
      const newest = sort === 'newest';
      const {rows} = await query<QueueRow>(
        `SELECT c.*, ${PARENT_COLUMNS} FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
         WHERE ${QUEUE_OF} = $3 AND ${FILTER} AND c.seq ${newest ? '<' : '>'} $4
         ORDER BY c.seq ${newest ? 'DESC' : 'ASC'} LIMIT $5`,
        [thread, search ? containing(search) : null, status, after ?? (newest ? Number.MAX_SAFE_INTEGER : 0), limit + 1]
      );
      const page = cut(rows, limit);
      const reports = summarizeReports(
        page.rows.length
          ? (
              await query<ReportRow>(
                'SELECT comment_seq, reason, note FROM reports WHERE comment_seq = ANY($1::bigint[]) ORDER BY created_at DESC',
                [page.rows.map((r) => r.seq)]
              )
            ).rows
          : []
      );
      return {comments: page.rows.map((r) => toQueueComment(r, reports)), lastSeq: page.last ? Number(page.last.seq) : null};
    },

    async createSession(idHash, createdAt, expiresAt) {
      await query('INSERT INTO admin_sessions (id_hash, created_at, expires_at) VALUES ($1, $2, $3)', [
        idHash,
        createdAt,
        expiresAt,
      ]);
    },

    async findSession(idHash, now) {
      const {rows} = await query<{created_at: Date; expires_at: Date}>(
        'SELECT created_at, expires_at FROM admin_sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now]
      );
      const row = rows[0];
      return row ? {createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString()} : null;
    },

    async endSession(idHash) {
      return ((await query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) > 0;
    },

    async purgeSessions(now) {
      return (await query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },

    async audit({at, actor, action, commentId, threadId, detail}) {
      await query(
        'INSERT INTO admin_audit (at, actor, action, comment_id, thread_id, detail) VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6)',
        [at ?? null, actor, action, commentId, threadId, detail]
      );
    },

    async setRejected(id, rejected) {
      const {rowCount} = await query(
        `UPDATE comments SET rejected_at = CASE WHEN $2::boolean THEN now() END
         WHERE id = $1 AND status = 'pending' AND (rejected_at IS NULL) = $2::boolean`,
        [id, rejected]
      );
      if (rowCount) return 'done';
      const {rows} = await query('SELECT 1 FROM comments WHERE id = $1', [id]);
      return rows.length ? 'not_pending' : 'not_found';
    },

    async setThreadClosed(thread, closed) {
      await query(
        `INSERT INTO threads (id, closed_at, reopened_at) VALUES ($1, CASE WHEN $2::boolean THEN now() END, CASE WHEN $2::boolean THEN NULL ELSE now() END)
         ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, reopened_at = coalesce(excluded.reopened_at, threads.reopened_at)`,
        [thread, closed]
      );
    },

    async isThreadClosed(thread, autoCloseBefore = null) {
      const {rows} = await query<{closed: boolean}>(
        `SELECT coalesce((SELECT closed_at IS NOT NULL FROM threads WHERE id = $1), false)
           OR ($2::timestamptz IS NOT NULL
             AND coalesce((SELECT reopened_at IS NULL FROM threads WHERE id = $1), true)
             AND coalesce((SELECT created_at FROM comments WHERE thread_id = $1 ORDER BY seq LIMIT 1) < $2::timestamptz, false)) AS closed`,
        [thread, autoCloseBefore]
      );
      return rows[0]?.closed ?? false;
    },

    async auditLog({limit, before}) {
      const {rows} = await query<AuditRow>('SELECT * FROM admin_audit WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      ]);
      const page = cut(rows, limit);
      return {entries: page.rows.map(toAuditEntry), lastSeq: page.last ? Number(page.last.seq) : null};
    },
  };
}
