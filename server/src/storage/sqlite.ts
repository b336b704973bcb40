// SQLite driver: one file under the data folder, nothing to install or start. One server
// process per database file: live events reach the SSE clients of this process only.
import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import type {Comment, PostedComment, SortOrder} from 'parley-contract';
import {LATEST_VERSION, migrations, tooNew} from './migrations.js';
import {sqliteConsole} from './sqlite-console.js';
import {HOLDER, assemblePage, asListed, cut, newComment, toAdminComment, toComment, WITHHELD} from './rows.js';
import {SHADOW_BANNED, namedBy, toBan} from './console-rows.js';
import type {BanRow} from './console-rows.js';
// What deleting, editing and announcing share.
import {STATE, eventComment, secretMatches, windowOpen} from './rows.js';
import type {CommentRow, PageRow} from './rows.js';
import {StorageUnavailable} from './types.js';
import type {
  ApproveResult,
  BanInput,
  BanTarget,
  ReplayResult,
  ReportInput,
  ReportResult,
  ChangeQuery,
  CreateInput,
  DeleteResult,
  EditResult,
  LocateResult,
  ReactionResult,
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

/** Whether the viewer likes the comment of the row. */
const LIKED = `EXISTS (SELECT 1 FROM reactions r WHERE r.comment_seq = comments.seq AND r.author_hash = @viewer)`;
/** The columns of the listing path, read as arrays (`raw`): half the cost of row objects. */
const LIST_COLUMNS = `seq, root_seq, id, thread_id, parent_id, author_name, body, created_at, status, likes, edited_at, deleted, ${LIKED} AS liked,
  withheld, (author_hash IS NOT NULL AND author_hash = @viewer) AS own`;
type ListRow = [
  number,
  number | null,
  string,
  string,
  string | null,
  string,
  string,
  string,
  Comment['status'],
  number,
  string | null,
  number,
  number,
  number,
  number,
];

const fromList = (r: ListRow): PageRow => ({
  seq: r[0],
  rootSeq: r[1],
  comment: toComment(
    asListed(
      {
        seq: r[0],
        id: r[2],
        thread_id: r[3],
        parent_id: r[4],
        author_name: r[5],
        body: r[6],
        created_at: r[7],
        status: r[8],
        likes: r[9],
        edited_at: r[10],
        deleted: r[11],
        liked: r[12],
        withheld: r[13],
      },
      r[14] === 1
    )
  ),
});

/** Rows a viewer sees: not removed, and published (not withheld) or their own. */
const VISIBLE = `(deleted < ${STATE.removed} AND ((status = 'published' AND withheld = 0) OR (author_hash IS NOT NULL AND author_hash = @viewer)))`;

/** Rows a list shows the viewer: those they see, and withheld ones holding replies (as placeholders). */
const LISTED = `(${VISIBLE} OR ${HOLDER})`;

type Row = CommentRow & {
  seq: number;
  root_seq: number | null;
  author_hash: string | null;
  secret_hash: string | null;
  deleted: number;
  event_seq: number | null;
  changed_seq: number | null;
  withheld: number;
  reported_at: string | null;
};

/** Whether everyone sees the row: published, live and not withheld (counted, streamed). */
const shown = (r: Pick<Row, 'status' | 'deleted' | 'withheld'>) =>
  r.status === 'published' && r.deleted === STATE.live && r.withheld === 0;

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
          `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq > @after AND ${LISTED} ORDER BY seq ASC LIMIT @limit`
        )
        .raw(true)
    ),
    rootsNewest: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq < @after AND ${LISTED} ORDER BY seq DESC LIMIT @limit`
        )
        .raw(true)
    ),
    rootsTop: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE thread_id = @thread AND root_seq IS NULL
           AND (likes < @likes OR (likes = @likes AND seq > @after)) AND ${LISTED} ORDER BY likes DESC, seq ASC LIMIT @limit`
        )
        .raw(true)
    ),
    replies: lazy(() =>
      db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM comments WHERE root_seq IN (SELECT value FROM json_each(@roots)) AND ${LISTED} ORDER BY seq ASC`
        )
        .raw(true)
    ),
    published: lazy(() => db.prepare('SELECT published FROM threads WHERE id = ?').pluck()),
    ownPending: lazy(() =>
      db
        .prepare(
          `SELECT count(*) FROM comments WHERE thread_id = ? AND (status = 'pending' OR withheld <> 0) AND deleted = 0 AND author_hash = ?`
        )
        .pluck()
    ),
    key: lazy(() =>
      db.prepare(
        'SELECT fingerprint, response, author_token, EXISTS (SELECT 1 FROM comments c WHERE c.id = k.comment_id AND c.deleted = 0) AS live FROM idempotency_keys k WHERE key = ?'
      )
    ),
    parent: lazy(() =>
      db.prepare('SELECT seq, root_seq, status, author_hash, deleted, withheld FROM comments WHERE id = ? AND thread_id = ?')
    ),
    insert: lazy(() =>
      db.prepare(
        `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq, changed_seq, secret_hash, withheld)
         VALUES (@id, @thread, @parentId, @rootSeq, @name, @email, @body, @status, @authorHash, @createdAt, @event, @event, @secretHash, @withheld)`
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
    // Numbers a change of a published comment (one fewer published when `unpublish` is 1).
    bump: lazy(() =>
      db
        .prepare('UPDATE threads SET last_event = last_event + 1, published = published - ? WHERE id = ? RETURNING last_event')
        .pluck()
    ),
    byId: lazy(() => db.prepare('SELECT * FROM comments WHERE id = ?')),
    inThread: lazy(() => db.prepare('SELECT * FROM comments WHERE id = ? AND thread_id = ?')),
    bySeq: lazy(() => db.prepare('SELECT * FROM comments WHERE seq = ?')),
    visible: lazy(() =>
      db.prepare(`SELECT *, ${LIKED} AS liked FROM comments WHERE id = @id AND thread_id = @thread AND ${VISIBLE}`)
    ),
    visibleSeq: lazy(() => db.prepare(`SELECT * FROM comments WHERE seq = @seq AND ${VISIBLE}`)),
    beforeOldest: lazy(() =>
      db
        .prepare(`SELECT count(*) FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq < @seq AND ${VISIBLE}`)
        .pluck()
    ),
    beforeNewest: lazy(() =>
      db
        .prepare(`SELECT count(*) FROM comments WHERE thread_id = @thread AND root_seq IS NULL AND seq > @seq AND ${VISIBLE}`)
        .pluck()
    ),
    beforeTop: lazy(() =>
      db
        .prepare(
          `SELECT count(*) FROM comments WHERE thread_id = @thread AND root_seq IS NULL
           AND (likes > @likes OR (likes = @likes AND seq < @seq)) AND ${VISIBLE}`
        )
        .pluck()
    ),
    hasReplies: lazy(() =>
      db.prepare(`SELECT EXISTS (SELECT 1 FROM comments WHERE parent_id = ? AND deleted < ${STATE.removed})`).pluck()
    ),
    edit: lazy(() =>
      db.prepare('UPDATE comments SET body = ?, edited_at = ?, changed_seq = coalesce(?, changed_seq) WHERE seq = ?')
    ),
    erase: lazy(() =>
      db.prepare(
        `UPDATE comments SET deleted = ?, body = '', author_name = '', author_email = NULL, likes = 0,
         changed_seq = coalesce(?, changed_seq) WHERE seq = ?`
      )
    ),
    unreactAll: lazy(() => db.prepare('DELETE FROM reactions WHERE comment_seq = ?')),
    like: lazy(() => db.prepare('INSERT OR IGNORE INTO reactions (comment_seq, author_hash) VALUES (?, ?)')),
    unlike: lazy(() => db.prepare('DELETE FROM reactions WHERE comment_seq = ? AND author_hash = ?')),
    likes: lazy(() => db.prepare('UPDATE comments SET likes = likes + ? WHERE seq = ? RETURNING likes').pluck()),
    likesOf: lazy(() => db.prepare('SELECT likes FROM comments WHERE seq = ?').pluck()),
    approve: lazy(() => db.prepare(`UPDATE comments SET status = 'published', event_seq = ?, changed_seq = ? WHERE id = ?`)),
    since: lazy(() =>
      db.prepare(`SELECT * FROM comments WHERE thread_id = ? AND changed_seq > ? ORDER BY changed_seq ASC LIMIT ?`)
    ),
    lastEvent: lazy(() => db.prepare('SELECT last_event FROM threads WHERE id = ?').pluck()),
    adminList: lazy(() =>
      db.prepare(
        `SELECT * FROM comments WHERE status = @status AND deleted = 0 AND (@thread IS NULL OR thread_id = @thread) AND seq > @after ORDER BY seq ASC LIMIT @limit`
      )
    ),
    doomed: lazy(() =>
      db.prepare(
        `WITH RECURSIVE doomed(id) AS (
           SELECT id FROM comments WHERE id = ?
           UNION SELECT c.id FROM comments c JOIN doomed d ON c.parent_id = d.id
         )
         SELECT * FROM comments WHERE id IN (SELECT id FROM doomed) ORDER BY seq`
      )
    ),
    purge: lazy(() => db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?')),
    setWithheld: lazy(() => db.prepare('UPDATE comments SET withheld = ?, event_seq = ?, changed_seq = ? WHERE seq = ?')),
    clearReports: lazy(() => db.prepare('DELETE FROM reports WHERE comment_seq = ?')),
    unreport: lazy(() => db.prepare('UPDATE comments SET reported_at = NULL WHERE seq = ?')),
    report: lazy(() =>
      db.prepare('INSERT OR IGNORE INTO reports (comment_seq, reader_hash, reason, note, created_at) VALUES (?, ?, ?, ?, ?)')
    ),
    reports: lazy(() => db.prepare('SELECT count(*) FROM reports WHERE comment_seq = ?').pluck()),
    reportedBy: lazy(() => db.prepare('SELECT 1 FROM reports WHERE comment_seq = ? AND reader_hash = ?').pluck()),
    queueReported: lazy(() => db.prepare('UPDATE comments SET reported_at = ? WHERE seq = ?')),
    withdraw: lazy(() => db.prepare(`UPDATE comments SET status = 'pending', rejected_at = ?, reported_at = NULL WHERE seq = ?`)),
    banOf: lazy(() =>
      db
        .prepare(
          `SELECT min(shadow) FROM bans WHERE (kind = 'email' AND value = @email) OR (kind = 'author' AND value = @author)`
        )
        .pluck()
    ),
    upsertBan: lazy(() =>
      db.prepare(
        `INSERT INTO bans (kind, value, shadow, name, actor, created_at) VALUES (@kind, @value, @shadow, @name, @actor, @at)
         ON CONFLICT (kind, value) DO UPDATE SET shadow = excluded.shadow, name = coalesce(excluded.name, bans.name),
           actor = excluded.actor, created_at = excluded.created_at
         RETURNING *`
      )
    ),
    deleteBan: lazy(() => db.prepare('DELETE FROM bans WHERE seq = ? RETURNING *')),
    bans: lazy(() => db.prepare('SELECT * FROM bans WHERE seq < ? ORDER BY seq DESC LIMIT ?')),
    // The comments a ban target names, and whether a shadow ban (still) names their author.
    named: lazy(() =>
      db.prepare(
        `SELECT c.*, ${SHADOW_BANNED} AS shadowed FROM comments c WHERE ${namedBy('@kind', '@value')} AND c.deleted < ${STATE.removed} ORDER BY c.seq`
      )
    ),
    readMeta: lazy(() => db.prepare('SELECT value FROM meta WHERE key = ?').pluck()),
    writeMeta: lazy(() => db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')),
  };

  // One read transaction: the page and its total come from the same snapshot.
  const listPage = db.transaction((thread: string, {limit, sort, after, viewer}: PageQuery) => {
    const params = {thread, viewer, limit: limit + 1, after: after?.seq ?? (sort === 'newest' ? Number.MAX_SAFE_INTEGER : 0)};
    const found =
      sort === 'top'
        ? q.rootsTop().all({...params, likes: after?.likes ?? Number.MAX_SAFE_INTEGER})
        : (sort === 'newest' ? q.rootsNewest() : q.rootsOldest()).all(params);
    const roots = (found as ListRow[]).map(fromList);
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
    | {kind: 'created'; comment: PostedComment; event: number | null; authorToken: string | null};
  const replay = (key: string, fingerprint: string): ReplayResult | null => {
    const previous = q.key().get(key) as
      {fingerprint: string; response: string; author_token: string | null; live: number} | undefined;
    if (!previous) return null;
    if (previous.fingerprint !== fingerprint) return {kind: 'conflict'};
    if (!previous.live) return {kind: 'gone'};
    return {kind: 'replayed', comment: JSON.parse(previous.response) as PostedComment, authorToken: previous.author_token};
  };

  const create = db.transaction((input: CreateInput): Made => {
    const previous = replay(input.key, input.fingerprint);
    if (previous) return previous;
    let rootSeq: number | null = null;
    if (input.parentId !== null) {
      const parent = q.parent().get(input.parentId, input.thread) as
        Pick<Row, 'seq' | 'root_seq' | 'status' | 'author_hash' | 'deleted' | 'withheld'> | undefined;
      const visible =
        parent?.deleted === STATE.live &&
        ((parent.status === 'published' && parent.withheld === 0) ||
          (input.authorHash && parent.author_hash === input.authorHash));
      if (!visible) return {kind: 'no_parent'};
      rootSeq = parent.root_seq ?? parent.seq;
    }
    const comment = newComment(input);
    const {id, createdAt} = comment;
    const withheld = input.shadow ? WITHHELD.shadow : 0;
    const event = input.status === 'published' && !withheld ? (q.publish().get(input.thread) as number) : null;
    q.insert().run({...input, id, createdAt, rootSeq, event, secretHash: input.secretHash, withheld});
    q.insertKey().run(input.key, input.fingerprint, id, JSON.stringify(comment), input.authorToken, Date.now());
    return {kind: 'created', comment, event, authorToken: input.authorToken};
  });

  /**
   * Sets the `withheld` bits of a row. A published live comment that becomes withheld leaves
   * the count and is announced as removed; one that is no longer withheld is counted and
   * announced as published anew. Returns what to announce.
   */
  const withhold = (row: Row, bits: number): Published | null => {
    if (bits === row.withheld) return null;
    const before = shown(row);
    const after = shown({...row, withheld: bits});
    if (before === after) {
      q.setWithheld().run(bits, row.event_seq, row.changed_seq, row.seq);
      return null;
    }
    if (before) {
      const event = q.bump().get(1, row.thread_id) as number;
      q.setWithheld().run(bits, row.event_seq, event, row.seq);
      return {comment: toComment({...row, deleted: STATE.removed}), event, first: row.event_seq ?? event, removed: true};
    }
    const event = q.publish().get(row.thread_id) as number;
    q.setWithheld().run(bits, event, event, row.seq);
    return {comment: toComment({...row, withheld: bits}), event, first: event};
  };

  /** The reports of a published row go; it leaves the reported queue (and is shown again if it was hidden). */
  const clearReports = (row: Row): Published | null => {
    q.clearReports().run(row.seq);
    q.unreport().run(row.seq);
    return withhold(row, row.withheld & ~WITHHELD.reported);
  };

  const approve = db.transaction((id: string): {result: ApproveResult; event?: number; shownAgain?: Published | null} => {
    const row = q.byId().get(id) as Row | undefined;
    if (row?.deleted !== STATE.live) return {result: {kind: 'not_found'}};
    if (row.status === 'published') {
      // A reported comment the moderator keeps: its reports go, and it is shown again if it was hidden.
      const shownAgain = row.reported_at === null ? null : clearReports(row);
      return {result: {kind: 'approved', comment: toComment(row)}, shownAgain};
    }
    if (row.parent_id !== null && (q.byId().get(row.parent_id) as Row | undefined)?.status === 'pending')
      return {result: {kind: 'parent_pending', parentId: row.parent_id}};
    if (row.withheld !== 0) {
      // A shadow-banned author's comment: published for its author, counted and streamed for nobody.
      q.approve().run(null, row.changed_seq, id);
      return {result: {kind: 'approved', comment: toComment({...row, status: 'published'})}};
    }
    const event = q.publish().get(row.thread_id) as number;
    q.approve().run(event, event, id);
    return {result: {kind: 'approved', comment: toComment({...row, status: 'published'})}, event};
  });

  /**
   * Erases a row as `state` (placeholder or removed): a published one takes the next
   * number of its thread's events (and leaves the count if it was live). Returns what to announce.
   */
  const erase = (row: Row, state: number): Published | null => {
    const published = row.status === 'published' && row.withheld === 0;
    const event = published ? (q.bump().get(row.deleted === STATE.live ? 1 : 0, row.thread_id) as number) : null;
    q.erase().run(state, event, row.seq);
    q.unreactAll().run(row.seq);
    if (event === null) return null;
    const removed = state === STATE.removed;
    return {comment: toComment({...row, deleted: state, likes: 0}), event, first: row.event_seq ?? event, removed};
  };

  /** A placeholder whose last reply went is removed too, and so on up the branch. */
  const prune = (parentId: string | null, announce: Published[]) => {
    while (parentId !== null) {
      const parent = q.byId().get(parentId) as Row | undefined;
      if (parent?.deleted !== STATE.placeholder || q.hasReplies().get(parent.id)) return;
      const p = erase(parent, STATE.removed);
      if (p) announce.push(p);
      parentId = parent.parent_id;
    }
  };

  const remove = db.transaction((id: string) => {
    const rows = (q.doomed().all(id) as Row[]).filter((r) => r.deleted !== STATE.removed);
    const announce: Published[] = [];
    if (rows[0]?.id !== id) return {count: 0, announce};
    for (const r of rows) {
      const p = erase(r, STATE.removed);
      if (p) announce.push(p);
    }
    prune(rows[0].parent_id, announce);
    return {count: rows.length, announce};
  });

  /** The row of `q` and whether the caller may change it; null: they may. */
  const checked = (
    query: ChangeQuery
  ): {row: Row; refusal: null} | {row: Row | undefined; refusal: {kind: 'not_found' | 'forbidden'}} => {
    const row = q.inThread().get(query.id, query.thread) as Row | undefined;
    if (!row) return {row, refusal: {kind: 'not_found'}};
    if (!secretMatches(row, query)) return {row, refusal: {kind: 'forbidden'}};
    return {row, refusal: null};
  };

  const edit = db.transaction((query: ChangeQuery, body: string): {result: EditResult; announce?: Published} => {
    const {row, refusal} = checked(query);
    if (refusal) return {result: refusal};
    if (row.deleted !== STATE.live) return {result: {kind: 'gone'}};
    if (row.body === body) return {result: {kind: 'edited', comment: toComment(row), changed: false}};
    if (!windowOpen(row, query)) return {result: {kind: 'expired'}};
    const editedAt = new Date(query.now).toISOString();
    const event = row.status === 'published' && row.withheld === 0 ? (q.bump().get(0, row.thread_id) as number) : null;
    q.edit().run(body, editedAt, event, row.seq);
    const comment = toComment({...row, body, edited_at: editedAt});
    return {
      result: {kind: 'edited', comment, changed: true},
      announce: event === null ? undefined : {comment, event, first: row.event_seq ?? event},
    };
  });

  const deleteOwn = db.transaction((query: ChangeQuery): {result: DeleteResult; announce: Published[]} => {
    const {row, refusal} = checked(query);
    const announce: Published[] = [];
    if (refusal) return {result: refusal, announce};
    if (row.deleted === STATE.placeholder) return {result: {kind: 'placeholder', comment: toComment(row)}, announce};
    if (row.deleted === STATE.removed) return {result: {kind: 'removed'}, announce};
    if (!windowOpen(row, query)) return {result: {kind: 'expired'}, announce};
    const state = q.hasReplies().get(row.id) ? STATE.placeholder : STATE.removed;
    const p = erase(row, state);
    if (p) announce.push(p);
    if (state === STATE.removed) prune(row.parent_id, announce);
    const result: DeleteResult =
      state === STATE.placeholder
        ? {kind: 'placeholder', comment: toComment({...row, deleted: state, likes: 0})}
        : {kind: 'removed'};
    return {result, announce};
  });

  const react = db.transaction((thread: string, id: string, viewer: string, like: boolean): ReactionResult => {
    const row = q.inThread().get(id, thread) as Row | undefined;
    if (!row || (!(row.status === 'published' && row.withheld === 0) && row.author_hash !== viewer)) return {kind: 'not_found'};
    if (row.deleted !== STATE.live) return {kind: 'gone'};
    const changed = (like ? q.like() : q.unlike()).run(row.seq, viewer).changes;
    const likes = changed ? (q.likes().get(like ? 1 : -1, row.seq) as number) : (q.likesOf().get(row.seq) as number);
    return {kind: 'reacted', likes, liked: like};
  });

  const report = db.transaction((input: ReportInput): {result: ReportResult; announce: Published | null} => {
    const row = q.inThread().get(input.id, input.thread) as Row | undefined;
    if (!row) return {result: {kind: 'not_found'}, announce: null};
    if (!(row.status === 'published' && row.withheld === 0) && row.author_hash !== input.reader) {
      // Hidden from this reader now, maybe by their own report: their retry is answered as the report was.
      const replay = q.reportedBy().get(row.seq, input.reader) !== undefined;
      return {result: replay ? {kind: 'reported', queued: false} : {kind: 'not_found'}, announce: null};
    }
    if (row.deleted !== STATE.live) return {result: {kind: 'gone'}, announce: null};
    q.report().run(row.seq, input.reader, input.reason, input.note, new Date().toISOString());
    const due = row.status === 'published' && row.reported_at === null && (q.reports().get(row.seq) as number) >= input.threshold;
    if (!due) return {result: {kind: 'reported', queued: false}, announce: null};
    q.queueReported().run(new Date().toISOString(), row.seq);
    const announce = input.hide ? withhold(row, row.withheld | WITHHELD.reported) : null;
    return {result: {kind: 'reported', queued: true}, announce};
  });

  const withdraw = db.transaction((id: string): {result: 'done' | 'not_found' | 'not_pending'; announce: Published | null} => {
    const row = q.byId().get(id) as Row | undefined;
    if (row?.deleted !== STATE.live) return {result: 'not_found', announce: null};
    if (row.status !== 'published' || row.reported_at === null) return {result: 'not_pending', announce: null};
    // Out of the count and the streams first (as a withheld comment is), then pending and rejected.
    const announce = shown(row) ? withhold(row, row.withheld | WITHHELD.reported) : null;
    q.setWithheld().run(row.withheld & ~WITHHELD.reported, row.event_seq, announce?.event ?? row.changed_seq, row.seq);
    q.clearReports().run(row.seq);
    q.withdraw().run(new Date().toISOString(), row.seq);
    return {result: 'done', announce};
  });

  /** Withholds or shows again each comment a target names, as the shadow bans now say. */
  const reconcile = (target: BanTarget, announce: Published[]) => {
    for (const row of q.named().all(target) as (Row & {shadowed: number})[]) {
      const bits = row.shadowed ? row.withheld | WITHHELD.shadow : row.withheld & ~WITHHELD.shadow;
      const p = withhold(row, bits);
      if (p) announce.push(p);
    }
  };

  const ban = db.transaction((input: BanInput) => {
    const announce: Published[] = [];
    const at = new Date().toISOString();
    const bans = input.targets.map((t) => {
      const made = toBan(
        q.upsertBan().get({...t, shadow: input.shadow ? 1 : 0, name: input.name, actor: input.actor, at}) as BanRow
      );
      reconcile(t, announce);
      return made;
    });
    return {bans, announce};
  });

  const unban = db.transaction((id: number) => {
    const announce: Published[] = [];
    const row = q.deleteBan().get(id) as BanRow | undefined;
    if (row) reconcile({kind: row.kind, value: row.value}, announce);
    return {ban: row ? toBan(row) : null, announce};
  });

  const locate = db.transaction((thread: string, id: string, sort: SortOrder, viewer: string | null): LocateResult => {
    const row = q.visible().get({id, thread, viewer}) as (Row & {liked: number}) | undefined;
    if (!row) return {kind: 'not_found'};
    const root = row.root_seq === null ? row : (q.visibleSeq().get({seq: row.root_seq, viewer}) as Row | undefined);
    if (!root) return {kind: 'not_found'};
    const params = {thread, viewer, seq: root.seq};
    const before =
      sort === 'top'
        ? (q.beforeTop().get({...params, likes: root.likes}) as number)
        : ((sort === 'newest' ? q.beforeNewest() : q.beforeOldest()).get(params) as number);
    return {kind: 'located', comment: toComment(row), rootId: root.id, before};
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
      if (event !== null) announce({comment: eventComment(created.comment), event, first: event});
      return created;
    },

    async counts(threads, viewer) {
      return Object.fromEntries(
        threads.map((t) => {
          const published = (q.published().get(t) as number | undefined) ?? 0;
          return [t, viewer ? published + (q.ownPending().get(t, viewer) as number) : published];
        })
      );
    },

    async since(thread, afterEvent, limit) {
      return (q.since().all(thread, afterEvent, limit) as (Row & {changed_seq: number})[]).map((r) => {
        // Withheld or taken back since: to everyone else it is gone.
        const gone = r.deleted === STATE.removed || r.status !== 'published' || r.withheld !== 0;
        return {
          comment: toComment(gone ? {...r, deleted: STATE.removed} : r),
          event: r.changed_seq,
          first: r.event_seq ?? r.changed_seq,
          removed: gone,
        };
      });
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
      const {result, event, shownAgain} = guard(() => approve.immediate(id));
      if (result.kind === 'approved' && event !== undefined) announce({comment: result.comment, event, first: event});
      if (shownAgain) announce(shownAgain);
      return result;
    },

    async replay(key, fingerprint) {
      return replay(key, fingerprint);
    },

    async banOf(email, authorHash) {
      const shadow = q.banOf().get({email: email?.toLowerCase() ?? null, author: authorHash}) as number | null;
      return shadow === null ? null : {shadow: shadow === 1};
    },

    async ban(input) {
      const made = guard(() => ban.immediate(input));
      made.announce.forEach(announce);
      return made.bans;
    },

    async unban(id) {
      const made = guard(() => unban.immediate(id));
      made.announce.forEach(announce);
      return made.ban;
    },

    async authorOf(id) {
      const row = q.byId().get(id) as Row | undefined;
      if (row?.deleted !== STATE.live) return null;
      return {name: row.author_name, email: row.author_email ?? null, authorHash: row.author_hash, threadId: row.thread_id};
    },

    async bans({limit, before}) {
      const page = cut(q.bans().all(before ?? Number.MAX_SAFE_INTEGER, limit + 1) as BanRow[], limit);
      return {bans: page.rows.map(toBan), lastSeq: page.last ? Number(page.last.seq) : null};
    },

    async report(input) {
      const made = guard(() => report.immediate(input));
      if (made.announce) announce(made.announce);
      return made.result;
    },

    async withdraw(id) {
      const made = guard(() => withdraw.immediate(id));
      if (made.announce) announce(made.announce);
      return made.result;
    },

    async remove(id) {
      const {count, announce: changes} = guard(() => remove.immediate(id));
      changes.forEach(announce);
      return count;
    },

    async edit(query, body) {
      const {result, announce: change} = guard(() => edit.immediate(query, body));
      if (change) announce(change);
      return result;
    },

    async delete(query) {
      const {result, announce: changes} = guard(() => deleteOwn.immediate(query));
      changes.forEach(announce);
      return result;
    },

    async react(thread, id, viewer, like) {
      return guard(() => react.immediate(thread, id, viewer, like));
    },

    async locate(thread, id, sort, viewer) {
      return locate(thread, id, sort, viewer);
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
