// SQLite driver: one file under the data folder, nothing to install or start. One server
// process per database file: live events reach the SSE clients of this process only.
import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import type {Comment} from 'parley-contract';
import {LATEST_VERSION, migrations, tooNew} from './migrations.js';
import {sqliteConsole} from './sqlite-console.js';
import {assemblePage, cut, newComment, toAdminComment, toComment} from './rows.js';
import type {CommentRow, PageRow} from './rows.js';
import {StorageUnavailable} from './types.js';
import type {
  ApproveResult,
  CreateInput,
  CreateResult,
  OpenOptions,
  PageQuery,
  Published,
  PublishedListener,
  Storage,
} from './types.js';

/** Applies the migrations the database lacks, up to `target`. */
function migrate(db: Database.Database, target = LATEST_VERSION): {from: number; to: number} {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  // IMMEDIATE: a second process starting at the same moment waits instead of migrating too.
  return db
    .transaction(() => {
      const current = db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number;
      if (current > LATEST_VERSION) throw tooNew(current);
      const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
      let to = current;
      for (const m of migrations('sqlite')) {
        if (m.version <= current || m.version > target) continue;
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
        to = m.version;
      }
      return {from: current, to};
    })
    .immediate();
}

/** The columns of the listing path, read as arrays (`raw`): half the cost of row objects. */
const LIST_COLUMNS = 'seq, root_seq, id, thread_id, parent_id, author_name, body, created_at, status';
type ListRow = [number, number | null, string, string, string | null, string, string, string, Comment['status']];

const fromList = (r: ListRow): PageRow => ({
  seq: r[0],
  rootSeq: r[1],
  comment: {
    id: r[2],
    threadId: r[3],
    parentId: r[4],
    author: {name: r[5], avatarUrl: null},
    body: r[6],
    createdAt: r[7],
    status: r[8],
  },
});

const VISIBLE = `(status = 'published' OR (author_hash IS NOT NULL AND author_hash = @viewer))`;

type Row = CommentRow & {seq: number; root_seq: number | null; author_hash: string | null};

/** SQLite's answers that mean "not now" rather than "wrong": locked, full, read-only, failing disk. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL)/;

/** Runs a write; an error of the database's state becomes StorageUnavailable. */
function guard<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as {code?: unknown}).code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) {
      throw new StorageUnavailable(`SQLite: ${(error as Error).message}`, {cause: error});
    }
    throw error;
  }
}

export interface SqliteStorage extends Storage {
  readonly db: Database.Database;
}

/** Opens (creating when needed) `parley.sqlite` in `dataDir`, or an in-memory database for `:memory:`, and migrates it. */
export function openSqlite({
  dataDir,
  log = () => {},
  targetVersion,
  file = 'parley.sqlite',
  timeoutMs = 5000,
}: {dataDir: string; file?: string; timeoutMs?: number} & OpenOptions): SqliteStorage {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, {recursive: true});
    path = resolve(join(dataDir, file));
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: WAL is synced at every commit, so an acknowledged comment survives a power cut
  // (NORMAL would survive a crash of the process, not of the machine).
  db.pragma('synchronous = FULL');
  // Another process holding the write lock: wait this long, then answer 503.
  db.pragma(`busy_timeout = ${timeoutMs}`);
  // A bigger page cache and memory-mapped reads: listing is read-heavy.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  const {from, to} = migrate(db, targetVersion);
  if (to !== from) log(`sqlite: migrated ${path} from schema v${from} to v${to}`);

  const listeners = new Set<PublishedListener>();
  const announce = (p: Published) => {
    for (const l of listeners) l.published(p);
  };

  // Prepared on first use: a database held at an older schema version (tests) lacks some tables.
  const lazy = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const q = {
    rootsOldest: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq > @after AND ${VISIBLE} ORDER BY seq ASC LIMIT @limit`
        )
        .raw(true)
    ),
    rootsNewest: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq < @after AND ${VISIBLE} ORDER BY seq DESC LIMIT @limit`
        )
        .raw(true)
    ),
    replies: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE root_seq IN (SELECT value FROM json_each(@roots)) AND ${VISIBLE} ORDER BY seq ASC`
        )
        .raw(true)
    ),
    published: lazy(() => db.prepare('SELECT published FROM threads WHERE id = ?').pluck()),
    ownPending: lazy(() =>
      db.prepare(`SELECT count(*) FROM comments WHERE thread_id = ? AND status = 'pending' AND author_hash = ?`).pluck()
    ),
    key: lazy(() =>
      db.prepare(
        'SELECT fingerprint, response, author_token, EXISTS (SELECT 1 FROM comments c WHERE c.id = k.comment_id) AS live FROM idempotency_keys k WHERE key = ?'
      )
    ),
    parent: lazy(() => db.prepare('SELECT seq, root_seq, status, author_hash FROM comments WHERE id = ? AND thread_id = ?')),
    insert: lazy(() =>
      db.prepare(
        `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq)
         VALUES (@id, @thread, @parentId, @rootSeq, @name, @email, @body, @status, @authorHash, @createdAt, @event)`
      )
    ),
    insertKey: lazy(() =>
      db.prepare(
        'INSERT INTO idempotency_keys (key, fingerprint, comment_id, response, author_token, created_at) VALUES (?, ?, ?, ?, ?, ?)'
      )
    ),
    // Counts one more published comment and numbers it; the write lock orders the numbers.
    publish: lazy(() =>
      db
        .prepare(
          `INSERT INTO threads (id, published, last_event) VALUES (?, 1, 1)
           ON CONFLICT (id) DO UPDATE SET published = published + 1, last_event = last_event + 1 RETURNING last_event`
        )
        .pluck()
    ),
    unpublish: lazy(() => db.prepare('UPDATE threads SET published = published - ? WHERE id = ?')),
    byId: lazy(() => db.prepare('SELECT * FROM comments WHERE id = ?')),
    approve: lazy(() => db.prepare(`UPDATE comments SET status = 'published', event_seq = ? WHERE id = ?`)),
    since: lazy(() => db.prepare(`SELECT * FROM comments WHERE thread_id = ? AND event_seq > ? ORDER BY event_seq ASC LIMIT ?`)),
    lastEvent: lazy(() => db.prepare('SELECT last_event FROM threads WHERE id = ?').pluck()),
    adminList: lazy(() =>
      db.prepare(
        `SELECT * FROM comments WHERE status = @status AND (@thread IS NULL OR thread_id = @thread) AND seq > @after ORDER BY seq ASC LIMIT @limit`
      )
    ),
    doomed: lazy(() =>
      db.prepare(
        `WITH RECURSIVE doomed(id) AS (
           SELECT id FROM comments WHERE id = ?
           UNION SELECT c.id FROM comments c JOIN doomed d ON c.parent_id = d.id
         )
         SELECT id, thread_id, status FROM comments WHERE id IN (SELECT id FROM doomed)`
      )
    ),
    delete: lazy(() => db.prepare('DELETE FROM comments WHERE id = ?')),
    purge: lazy(() => db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?')),
    readMeta: lazy(() => db.prepare('SELECT value FROM meta WHERE key = ?').pluck()),
    writeMeta: lazy(() => db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')),
  };

  // One read transaction: the page and its total come from the same snapshot.
  const listPage = db.transaction((thread: string, {limit, sort, after, viewer}: PageQuery) => {
    const params = {thread, viewer, limit: limit + 1, after: after ?? (sort === 'newest' ? Number.MAX_SAFE_INTEGER : 0)};
    const roots = ((sort === 'newest' ? q.rootsNewest() : q.rootsOldest()).all(params) as ListRow[]).map(fromList);
    const replies = roots.length
      ? (q.replies().all({roots: JSON.stringify(roots.slice(0, limit).map((r) => r.seq)), viewer}) as ListRow[]).map(fromList)
      : [];
    let total = (q.published().get(thread) as number | undefined) ?? 0;
    if (viewer) total += q.ownPending().get(thread, viewer) as number;
    return {...assemblePage(roots, replies, limit), total};
  });

  /** `create`'s result inside the transaction: a published comment's number is announced after the commit. */
  type Made =
    | Exclude<CreateResult, {kind: 'created'}>
    | {kind: 'created'; comment: Comment; event: number | null; authorToken: string | null};
  const create = db.transaction((input: CreateInput): Made => {
    const previous = q.key().get(input.key) as
      {fingerprint: string; response: string; author_token: string | null; live: number} | undefined;
    if (previous) {
      if (previous.fingerprint !== input.fingerprint) return {kind: 'conflict'};
      if (!previous.live) return {kind: 'gone'};
      return {kind: 'replayed', comment: JSON.parse(previous.response) as Comment, authorToken: previous.author_token};
    }
    let rootSeq: number | null = null;
    if (input.parentId !== null) {
      const parent = q.parent().get(input.parentId, input.thread) as
        Pick<Row, 'seq' | 'root_seq' | 'status' | 'author_hash'> | undefined;
      const visible = parent && (parent.status === 'published' || (input.authorHash && parent.author_hash === input.authorHash));
      if (!visible) return {kind: 'no_parent'};
      rootSeq = parent.root_seq ?? parent.seq;
    }
    const comment = newComment(input);
    const {id, createdAt} = comment;
    const event = input.status === 'published' ? (q.publish().get(input.thread) as number) : null;
    q.insert().run({...input, id, createdAt, rootSeq, event});
    q.insertKey().run(input.key, input.fingerprint, id, JSON.stringify(comment), input.authorToken, Date.now());
    return {kind: 'created', comment, event, authorToken: input.authorToken};
  });

  const approve = db.transaction((id: string): {result: ApproveResult; event?: number} => {
    const row = q.byId().get(id) as Row | undefined;
    if (!row) return {result: {kind: 'not_found'}};
    if (row.status === 'published') return {result: {kind: 'approved', comment: toComment(row)}};
    if (row.parent_id !== null && (q.byId().get(row.parent_id) as Row | undefined)?.status === 'pending')
      return {result: {kind: 'parent_pending', parentId: row.parent_id}};
    const event = q.publish().get(row.thread_id) as number;
    q.approve().run(event, id);
    return {result: {kind: 'approved', comment: toComment({...row, status: 'published'})}, event};
  });

  const remove = db.transaction((id: string) => {
    const rows = q.doomed().all(id) as Pick<Row, 'id' | 'thread_id' | 'status'>[];
    const lost = new Map<string, number>();
    for (const r of rows) {
      q.delete().run(r.id);
      if (r.status === 'published') lost.set(r.thread_id, (lost.get(r.thread_id) ?? 0) + 1);
    }
    for (const [thread, n] of lost) q.unpublish().run(n, thread);
    return rows.length;
  });

  return {
    kind: 'sqlite',
    schemaVersion: to,
    description: path,
    db,

    async list(thread, query) {
      return listPage(thread, query);
    },

    async create(input) {
      const result = guard(() => create.immediate(input));
      if (result.kind !== 'created') return result;
      const {event, ...created} = result;
      if (event !== null) announce({comment: created.comment, event});
      return created;
    },

    async counts(threads) {
      return Object.fromEntries(threads.map((t) => [t, (q.published().get(t) as number | undefined) ?? 0]));
    },

    async since(thread, afterEvent, limit) {
      return (q.since().all(thread, afterEvent, limit) as (Row & {event_seq: number})[]).map((r) => ({
        comment: toComment(r),
        event: r.event_seq,
      }));
    },

    async lastEvent(thread) {
      return (q.lastEvent().get(thread) as number | undefined) ?? 0;
    },

    async ping() {
      guard(() => q.writeMeta().run('ready', new Date().toISOString()));
    },

    async adminList({status, thread, limit, after}) {
      const page = cut(q.adminList().all({status, thread, limit: limit + 1, after: after ?? 0}) as Row[], limit);
      return {comments: page.rows.map(toAdminComment), lastSeq: page.last?.seq ?? null};
    },

    async approve(id) {
      const {result, event} = guard(() => approve.immediate(id));
      if (result.kind === 'approved' && event !== undefined) announce({comment: result.comment, event});
      return result;
    },

    async remove(id) {
      return guard(() => remove.immediate(id));
    },

    async purgeKeys(olderThan) {
      return q.purge().run(olderThan.getTime()).changes;
    },

    async meta(key, value) {
      if (value !== undefined) q.writeMeta().run(key, value);
      return (q.readMeta().get(key) as string | undefined) ?? null;
    },

    onPublished(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      listeners.clear();
      if (db.open) db.close();
    },

    ...sqliteConsole(db, guard),
  };
}
