// SQLite driver: one file under the data folder, nothing to install or start. One server
// process per database file: live events reach the SSE clients of this process only.
import {randomUUID} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import {toComment} from './rows.js';

/**
 * Versioned schema migrations, applied in order, each in its own transaction and recorded
 * in `schema_migrations`. Append only: never edit or renumber one that has shipped.
 */
export const MIGRATIONS = [
  {
    version: 1,
    name: 'comments, threads and meta',
    sql: `
      CREATE TABLE comments (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        thread_id    TEXT NOT NULL,
        parent_id    TEXT,
        root_seq     INTEGER,
        author_name  TEXT NOT NULL,
        author_email TEXT,
        body         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('published', 'pending')),
        author_hash  TEXT,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX comments_thread ON comments (thread_id, seq);
      CREATE INDEX comments_roots ON comments (thread_id, seq) WHERE root_seq IS NULL;
      CREATE INDEX comments_replies ON comments (root_seq, seq) WHERE root_seq IS NOT NULL;
      CREATE INDEX comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX comments_pending ON comments (thread_id, author_hash) WHERE status = 'pending';
      CREATE INDEX comments_status ON comments (status, seq);
      CREATE TABLE threads (
        id        TEXT PRIMARY KEY,
        published INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'idempotency keys',
    sql: `
      CREATE TABLE idempotency_keys (
        key          TEXT PRIMARY KEY,
        fingerprint  TEXT NOT NULL,
        comment_id   TEXT NOT NULL,
        response     TEXT NOT NULL,
        author_token TEXT,
        created_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
    `,
  },
];

/** The newest schema version this code knows. */
export const LATEST_VERSION = MIGRATIONS.at(-1).version;

/**
 * Applies the migrations the database lacks, up to `target`.
 * @param {import('better-sqlite3').Database} db
 * @returns {{from: number, to: number}}
 */
function migrate(db, target = LATEST_VERSION) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  // IMMEDIATE: a second process starting at the same moment waits instead of migrating too.
  return db.transaction(() => {
    const current = db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get();
    if (current > LATEST_VERSION) {
      throw new Error(`The database is at schema version ${current}, newer than this server knows (${LATEST_VERSION}). Run a newer server.`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    let to = current;
    for (const m of MIGRATIONS) {
      if (m.version <= current || m.version > target) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      to = m.version;
    }
    return {from: current, to};
  }).immediate();
}

/**
 * Opens (creating when needed) `parley.sqlite` in `dataDir` and migrates it.
 * @param {{dataDir: string, log?: (line: string) => void, targetVersion?: number, file?: string}} options
 * @returns {import('./index.js').Storage & {db: import('better-sqlite3').Database}}
 */
export function openSqlite({dataDir, log = () => {}, targetVersion, file = 'parley.sqlite'}) {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, {recursive: true});
    path = resolve(join(dataDir, file));
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A bigger page cache and memory-mapped reads: listing is read-heavy.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  const {from, to} = migrate(db, targetVersion);
  if (to !== from) log(`sqlite: migrated ${path} from schema v${from} to v${to}`);

  /** @type {Set<(c: import('./index.js').Comment, seq: number) => void>} */
  const listeners = new Set();
  const publish = (comment, seq) => {
    for (const l of listeners) l(comment, seq);
  };

  const LIST_COLUMNS = 'seq, root_seq, id, thread_id, parent_id, author_name, body, created_at, status';
  /** A raw row of LIST_COLUMNS → Comment. */
  const fromList = (r) => ({
    id: r[2],
    threadId: r[3],
    parentId: r[4],
    author: {name: r[5], avatarUrl: null},
    body: r[6],
    createdAt: r[7],
    status: r[8],
  });
  const VISIBLE = `(status = 'published' OR (author_hash IS NOT NULL AND author_hash = @viewer))`;
  // Prepared on first use: a database held at an older schema version (tests) lacks some tables.
  const statements = {
    // The listing path returns arrays (`raw`) of LIST_COLUMNS: half the cost of row objects.
    rootsOldest: () => db.prepare(
      `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq > @after AND ${VISIBLE}
       ORDER BY seq ASC LIMIT @limit`
    ).raw(true),
    rootsNewest: () => db.prepare(
      `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq < @after AND ${VISIBLE}
       ORDER BY seq DESC LIMIT @limit`
    ).raw(true),
    replies: () => db.prepare(
      `SELECT ${LIST_COLUMNS} FROM comments WHERE root_seq IN (SELECT value FROM json_each(@roots)) AND ${VISIBLE}
       ORDER BY seq ASC`
    ).raw(true),
    published: () => db.prepare('SELECT published FROM threads WHERE id = ?').pluck(),
    ownPending: () => db
      .prepare(`SELECT count(*) FROM comments WHERE thread_id = ? AND status = 'pending' AND author_hash = ?`)
      .pluck(),
    key: () => db.prepare('SELECT fingerprint, response, author_token FROM idempotency_keys WHERE key = ?'),
    parent: () => db.prepare('SELECT seq, root_seq, status, author_hash FROM comments WHERE id = ? AND thread_id = ?'),
    insert: () => db.prepare(
      `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at)
       VALUES (@id, @thread, @parentId, @rootSeq, @name, @email, @body, @status, @authorHash, @createdAt)`
    ),
    insertKey: () => db.prepare(
      `INSERT INTO idempotency_keys (key, fingerprint, comment_id, response, author_token, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`
    ),
    bump: () => db.prepare(
      `INSERT INTO threads (id, published) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET published = published + excluded.published`
    ),
    byId: () => db.prepare('SELECT * FROM comments WHERE id = ?'),
    approve: () => db.prepare(`UPDATE comments SET status = 'published' WHERE id = ?`),
    since: () => db.prepare(
      `SELECT * FROM comments WHERE thread_id = ? AND seq > ? AND status = 'published' ORDER BY seq ASC LIMIT ?`
    ),
    adminList: () => db.prepare(
      `SELECT * FROM comments WHERE status = @status AND (@thread IS NULL OR thread_id = @thread) AND seq > @after
       ORDER BY seq ASC LIMIT @limit`
    ),
    doomed: () => db.prepare(
      `WITH RECURSIVE doomed(id) AS (
         SELECT id FROM comments WHERE id = ?
         UNION SELECT c.id FROM comments c JOIN doomed d ON c.parent_id = d.id
       )
       SELECT id, thread_id, status FROM comments WHERE id IN (SELECT id FROM doomed)`
    ),
    delete: () => db.prepare('DELETE FROM comments WHERE id = ?'),
    purge: () => db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
  };
  /** @type {{[K in keyof typeof statements]: ReturnType<(typeof statements)[K]>}} */
  const q = /** @type {any} */ (new Proxy({}, {get: (cache, name) => (cache[name] ??= statements[name]())}));

  // One read transaction: the page and its total come from the same snapshot.
  const listPage = db.transaction((thread, {limit, sort, after, viewer}) => {
    const params = {thread, viewer, limit: limit + 1, after: after ?? (sort === 'newest' ? Number.MAX_SAFE_INTEGER : 0)};
    const roots = (sort === 'newest' ? q.rootsNewest : q.rootsOldest).all(params);
    const more = roots.length > limit;
    if (more) roots.pop();
    const byRoot = new Map(roots.map((r) => [r[0], [fromList(r)]]));
    if (roots.length) {
      for (const r of q.replies.all({roots: JSON.stringify(roots.map((x) => x[0])), viewer})) byRoot.get(r[1])?.push(fromList(r));
    }
    let total = q.published.get(thread) ?? 0;
    if (viewer) total += q.ownPending.get(thread, viewer);
    return {comments: [...byRoot.values()].flat(), lastSeq: more ? roots.at(-1)[0] : null, total};
  });

  const create = db.transaction((input) => {
    const previous = q.key.get(input.key);
    if (previous) {
      if (previous.fingerprint !== input.fingerprint) return {kind: 'conflict'};
      return {kind: 'replayed', comment: JSON.parse(previous.response), authorToken: previous.author_token};
    }
    let rootSeq = null;
    if (input.parentId !== null) {
      const parent = q.parent.get(input.parentId, input.thread);
      const visible = parent && (parent.status === 'published' || (input.authorHash && parent.author_hash === input.authorHash));
      if (!visible) return {kind: 'no_parent'};
      rootSeq = parent.root_seq ?? parent.seq;
    }
    const row = {
      id: input.id ?? randomUUID(),
      thread: input.thread,
      parentId: input.parentId,
      rootSeq,
      name: input.name,
      email: input.email,
      body: input.body,
      status: input.status,
      authorHash: input.authorHash,
      createdAt: input.createdAt ?? new Date().toISOString(),
    };
    const seq = Number(q.insert.run(row).lastInsertRowid);
    const comment = toComment({...row, thread_id: row.thread, parent_id: row.parentId, author_name: row.name, created_at: row.createdAt});
    q.insertKey.run(input.key, input.fingerprint, comment.id, JSON.stringify(comment), input.authorToken, Date.now());
    if (input.status === 'published') q.bump.run(input.thread, 1);
    return {kind: 'created', comment, seq, authorToken: input.authorToken};
  });

  const approve = db.transaction((id) => {
    const row = q.byId.get(id);
    if (!row) return null;
    if (row.status === 'published') return {comment: toComment(row), seq: row.seq, changed: false};
    q.approve.run(id);
    q.bump.run(row.thread_id, 1);
    return {comment: toComment({...row, status: 'published'}), seq: row.seq, changed: true};
  });

  const remove = db.transaction((id) => {
    const rows = q.doomed.all(id);
    const lost = new Map();
    for (const r of rows) {
      q.delete.run(r.id);
      if (r.status === 'published') lost.set(r.thread_id, (lost.get(r.thread_id) ?? 0) + 1);
    }
    for (const [thread, n] of lost) q.bump.run(thread, -n);
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
      const result = create.immediate(input);
      if (result.kind === 'created' && result.comment.status === 'published') publish(result.comment, result.seq);
      return result;
    },

    async counts(threads) {
      return Object.fromEntries(threads.map((t) => [t, q.published.get(t) ?? 0]));
    },

    async since(thread, afterSeq, limit) {
      return q.since.all(thread, afterSeq, limit).map((r) => ({comment: toComment(r), seq: r.seq}));
    },

    async adminList({status, thread = null, limit, after}) {
      const rows = q.adminList.all({status, thread, limit: limit + 1, after: after ?? 0});
      const more = rows.length > limit;
      if (more) rows.pop();
      return {comments: rows.map((r) => ({...toComment(r, {admin: true}), seq: r.seq})), lastSeq: more ? rows.at(-1).seq : null};
    },

    async approve(id) {
      const result = approve.immediate(id);
      if (!result) return null;
      if (result.changed) publish(result.comment, result.seq);
      return result.comment;
    },

    async remove(id) {
      return remove.immediate(id);
    },

    async purgeKeys(olderThan) {
      return q.purge.run(olderThan.getTime()).changes;
    },

    /** Reads or writes a value of the `meta` table (for example, whether the demo was seeded). */
    async meta(key, value) {
      if (value !== undefined) db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
      return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) ?? null;
    },

    onPublished(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      listeners.clear();
      if (db.open) db.close();
    },
  };
}
