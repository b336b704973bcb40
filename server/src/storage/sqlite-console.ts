// The console's part of the SQLite driver (see console-types.ts).
import type Database from 'better-sqlite3';
import type {CommentStatus} from 'parley-contract';
import {PARENT_COLUMNS, QUEUE_OF, containing, summarizeReports, toAuditEntry, toQueueComment} from './console-rows.js';
import type {AuditRow, QueueRow, ReportRow} from './console-rows.js';
import type {ConsoleStorage, QueueFilter, QueueStatus} from './console-types.js';
import {cut, STATE} from './rows.js';

// Deleted comments (placeholders and removed rows, their text erased) are in no queue.
const FILTER = `c.deleted = ${STATE.live}
  AND (@thread IS NULL OR c.thread_id = @thread)
  AND (@search IS NULL OR c.body LIKE @search ESCAPE '\\' OR c.author_name LIKE @search ESCAPE '\\' OR c.author_email LIKE @search ESCAPE '\\')`;

const filterParams = ({thread, search}: QueueFilter) => ({thread, search: search ? containing(search) : null});

/** The console's methods on `db`; `guard` turns a busy or full database into StorageUnavailable. */
export function sqliteConsole(db: Database.Database, guard: <T>(write: () => T) => T): ConsoleStorage {
  const prepared = new Map<string, Database.Statement>();
  const sql = (text: string) => {
    let s = prepared.get(text);
    if (!s) prepared.set(text, (s = db.prepare(text)));
    return s;
  };
  return {
    async queueCounts(filter) {
      const rows = sql(`SELECT ${QUEUE_OF} AS queue, count(*) AS n FROM comments c WHERE ${FILTER} GROUP BY queue`).all(
        filterParams(filter)
      ) as {queue: QueueStatus; n: number}[];
      const counts: Record<QueueStatus, number> = {pending: 0, published: 0, rejected: 0, reported: 0};
      for (const r of rows) counts[r.queue] = r.n;
      return counts;
    },

    async queue({status, sort, limit, after, ...filter}) {
      const newest = sort === 'newest';
      const rows = sql(
        `SELECT c.*, ${PARENT_COLUMNS} FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
         WHERE ${QUEUE_OF} = @status AND ${FILTER} AND c.seq ${newest ? '<' : '>'} @after
         ORDER BY c.seq ${newest ? 'DESC' : 'ASC'} LIMIT @limit`
      ).all({
        ...filterParams(filter),
        status,
        after: after ?? (newest ? Number.MAX_SAFE_INTEGER : 0),
        limit: limit + 1,
      }) as QueueRow[];
      const page = cut(rows, limit);
      const reports = summarizeReports(
        page.rows.length
          ? (sql(
              'SELECT comment_seq, reason, note FROM reports WHERE comment_seq IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC'
            ).all(JSON.stringify(page.rows.map((r) => Number(r.seq)))) as ReportRow[])
          : []
      );
      return {comments: page.rows.map((r) => toQueueComment(r, reports)), lastSeq: page.last ? Number(page.last.seq) : null};
    },

    async createSession(idHash, createdAt, expiresAt) {
      guard(() =>
        sql('INSERT INTO admin_sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)').run(
          idHash,
          createdAt.toISOString(),
          expiresAt.toISOString()
        )
      );
    },

    async findSession(idHash, now) {
      const row = sql('SELECT created_at, expires_at FROM admin_sessions WHERE id_hash = ? AND expires_at > ?').get(
        idHash,
        now.toISOString()
      ) as {created_at: string; expires_at: string} | undefined;
      return row ? {createdAt: row.created_at, expiresAt: row.expires_at} : null;
    },

    async endSession(idHash) {
      return guard(() => sql('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash).changes > 0);
    },

    async purgeSessions(now) {
      return guard(() => sql('DELETE FROM admin_sessions WHERE expires_at <= ?').run(now.toISOString()).changes);
    },

    async audit({at = new Date().toISOString(), actor, action, commentId, threadId, detail}) {
      guard(() =>
        sql('INSERT INTO admin_audit (at, actor, action, comment_id, thread_id, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
          at,
          actor,
          action,
          commentId,
          threadId,
          detail
        )
      );
    },

    async setRejected(id, rejected) {
      const row = sql('SELECT status, rejected_at FROM comments WHERE id = ?').get(id) as
        {status: CommentStatus; rejected_at: string | null} | undefined;
      if (!row) return 'not_found';
      const changed = guard(
        () =>
          sql(`UPDATE comments SET rejected_at = ? WHERE id = ? AND status = 'pending' AND (rejected_at IS NULL) = ?`).run(
            rejected ? new Date().toISOString() : null,
            id,
            rejected ? 1 : 0
          ).changes
      );
      return changed ? 'done' : 'not_pending';
    },

    async setThreadClosed(thread, closed) {
      guard(() =>
        sql(
          `INSERT INTO threads (id, closed_at, reopened_at) VALUES (@thread, @closed, @reopened)
           ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, reopened_at = coalesce(excluded.reopened_at, threads.reopened_at)`
        ).run({thread, closed: closed ? new Date().toISOString() : null, reopened: closed ? null : new Date().toISOString()})
      );
    },

    async isThreadClosed(thread, autoCloseBefore = null) {
      return (
        sql(
          `SELECT coalesce((SELECT closed_at IS NOT NULL FROM threads WHERE id = @thread), 0)
             OR (@before IS NOT NULL
               AND coalesce((SELECT reopened_at IS NULL FROM threads WHERE id = @thread), 1)
               AND coalesce((SELECT created_at FROM comments WHERE thread_id = @thread ORDER BY seq LIMIT 1) < @before, 0))`
        )
          .pluck()
          .get({thread, before: autoCloseBefore?.toISOString() ?? null}) === 1
      );
    },

    async auditLog({limit, before}) {
      const rows = sql('SELECT * FROM admin_audit WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1
      ) as AuditRow[];
      const page = cut(rows, limit);
      return {entries: page.rows.map(toAuditEntry), lastSeq: page.last ? Number(page.last.seq) : null};
    },
  };
}
