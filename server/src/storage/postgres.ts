// PostgreSQL driver, for several server instances behind a load balancer. Publications are
// numbered under the lock of the thread's row (so in commit order) and announced with NOTIFY
// inside the writing transaction (so only committed comments are announced); every instance
// LISTENs, so SSE readers on any instance see them. A lost LISTEN connection is made again
// and the listeners are told that they may have missed some, so that they read them back.
import pg from 'pg';
import type {Comment, PostedComment} from 'parley-contract';
import {LATEST_VERSION, migrations, tooNew} from './migrations.js';
import {postgresConsole} from './postgres-console.js';
import {HOLDER, assemblePage, asListed, cut, newComment, toAdminComment, toComment, WITHHELD} from './rows.js';
import {SHADOW_BANNED, namedBy, toBan} from './console-rows.js';
import type {BanRow} from './console-rows.js';
// What deleting, editing and announcing share.
import {STATE, eventComment, secretMatches, windowOpen} from './rows.js';
import type {CommentRow, PageRow} from './rows.js';
import {StorageUnavailable} from './types.js';
import type {
  ApproveResult,
  BanTarget,
  ReplayResult,
  ChangeQuery,
  CreateResult,
  DeleteResult,
  EditResult,
  OpenOptions,
  Published,
  PublishedListener,
  ReactionResult,
  ReportResult,
  Storage,
} from './types.js';

// NOTIFY payloads must stay under 8000 bytes; a longer comment is announced by id and read back.
const MAX_PAYLOAD = 7000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Requests that may wait for a pooled connection, per connection; more are answered 503. */
const QUEUE_PER_CONNECTION = 10;

/** Rows the viewer (parameter `$n`) sees: not removed, and published (not withheld) or their own. */
const visible = (n: number) =>
  `(deleted < ${STATE.removed} AND ((status = 'published' AND withheld = 0) OR (author_hash IS NOT NULL AND author_hash = $${n})))`;
/** Whether the viewer (parameter `$n`) likes the comment of the row. */
const liked = (n: number) =>
  `EXISTS (SELECT 1 FROM reactions r WHERE r.comment_seq = comments.seq AND r.author_hash = $${n}) AS liked`;
/** Rows a list shows the viewer (parameter `$n`): those they see, and withheld ones holding replies (as placeholders). */
const listed = (n: number) => `(${visible(n)} OR ${HOLDER})`;
const SQL = {
  rootsOldest: `SELECT *, ${liked(3)} FROM comments WHERE thread_id = $1 AND root_seq IS NULL AND seq > $2 AND ${listed(3)} ORDER BY seq ASC LIMIT $4`,
  rootsNewest: `SELECT *, ${liked(3)} FROM comments WHERE thread_id = $1 AND root_seq IS NULL AND seq < $2 AND ${listed(3)} ORDER BY seq DESC LIMIT $4`,
  rootsTop: `SELECT *, ${liked(3)} FROM comments WHERE thread_id = $1 AND root_seq IS NULL
             AND (likes < $5::bigint OR (likes = $5::bigint AND seq > $2)) AND ${listed(3)} ORDER BY likes DESC, seq ASC LIMIT $4`,
  replies: `SELECT *, ${liked(2)} FROM comments WHERE root_seq = ANY($1::bigint[]) AND ${listed(2)} ORDER BY seq ASC`,
  total: `SELECT coalesce((SELECT published FROM threads WHERE id = $1), 0) AS published,
            CASE WHEN $2::text IS NULL THEN 0 ELSE
              (SELECT count(*) FROM comments WHERE thread_id = $1 AND (status = 'pending' OR withheld <> 0) AND deleted = 0 AND author_hash = $2) END AS own`,
  // Numbers a change of a published comment ($2 = 1: one fewer published).
  bump: `UPDATE threads SET last_event = last_event + 1, published = published - $2 WHERE id = $1 RETURNING last_event`,
  hasReplies: `SELECT EXISTS (SELECT 1 FROM comments WHERE parent_id = $1 AND deleted < ${STATE.removed}) AS yes`,
  erase: `UPDATE comments SET deleted = $2, body = '', author_name = '', author_email = NULL, likes = 0,
          changed_seq = coalesce($3, changed_seq) WHERE seq = $1`,
  // Counts one more published comment and numbers it. The row stays locked until the
  // transaction ends, so a thread's numbers are taken in the order the transactions commit.
  publish: `INSERT INTO threads (id, published, last_event) VALUES ($1, 1, 1) ON CONFLICT (id)
            DO UPDATE SET published = threads.published + 1, last_event = threads.last_event + 1 RETURNING last_event`,
};

type Row = CommentRow & {
  seq: string;
  root_seq: string | null;
  author_hash: string | null;
  secret_hash: string | null;
  deleted: number;
  likes: number;
  event_seq: string | null;
  changed_seq: string | null;
  withheld: number;
  reported_at: Date | null;
};

/** Whether everyone sees the row: published, live and not withheld (counted, streamed). */
const shown = (r: Pick<Row, 'status' | 'deleted' | 'withheld'>) =>
  r.status === 'published' && r.deleted === STATE.live && r.withheld === 0;

/** The last_event of a `bump` or `publish`. */
const eventOf = (result: pg.QueryResult<{last_event: string}>) => Number(only(result.rows).last_event);

/** The one row a statement always returns (an aggregate, an INSERT … RETURNING). */
function only<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('PostgreSQL returned no row where it always returns one.');
  return row;
}

/** A listed row as `viewer` sees it. */
const pageRow =
  (viewer: string | null) =>
  (r: Row): PageRow => ({
    seq: Number(r.seq),
    rootSeq: r.root_seq === null ? null : Number(r.root_seq),
    comment: toComment(asListed(r, r.author_hash !== null && r.author_hash === viewer)),
  });

/** Query parameters of a connection URL that hold a secret: `password`, `sslpassword`, `passwd`, `pwd`, `…secret`, `…token`. */
const SECRET_PARAM = /(pass(word|wd)?|pwd|secret|token)$/i;

/** The URL without its password (`user:…@` or `?password=…`) or other secrets, for the log. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    const params = [...u.searchParams];
    if (params.some(([key]) => SECRET_PARAM.test(key)))
      u.search = new URLSearchParams(
        params.map(([key, value]): [string, string] => [key, SECRET_PARAM.test(key) ? '***' : value])
      ).toString();
    return u.toString();
  } catch {
    return 'postgres';
  }
}

// SQLSTATE classes and codes that mean "the database cannot answer now", not "this is wrong":
// connection exceptions, insufficient resources, operator intervention (shutdown, cancel,
// statement timeout), lock timeouts, a read-only transaction.
const UNAVAILABLE_STATE = /^(08|53|57|58)|^(55P03|25006)$/;
// What pg itself throws when the connection or the wait for one fails.
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Client has encountered a connection error/;

/** An error of the database's state becomes StorageUnavailable; others stay as they are. */
function classify(error: unknown): unknown {
  if (error instanceof StorageUnavailable || !(error instanceof Error)) return error;
  const code = (error as {code?: unknown}).code;
  if ((typeof code === 'string' && UNAVAILABLE_STATE.test(code)) || UNAVAILABLE_MESSAGE.test(error.message)) {
    return new StorageUnavailable(`PostgreSQL: ${error.message}`, {cause: error});
  }
  return error;
}

export interface PostgresStorage extends Storage {
  readonly pool: pg.Pool;
}

/** Connects, migrates and starts listening. */
export async function openPostgres({
  url,
  schema = 'public',
  log = () => {},
  warn = log,
  targetVersion = LATEST_VERSION,
  poolSize = 10,
  timeoutMs = 5000,
}: {url: string | null; schema?: string; poolSize?: number; timeoutMs?: number} & OpenOptions): Promise<PostgresStorage> {
  if (!url) throw new Error('The postgres storage needs DATABASE_URL (postgres://user:password@127.0.0.1:5432/db).');
  if (!SCHEMA_NAME.test(schema)) throw new Error(`PG_SCHEMA "${schema}" is not a plain lower-case identifier.`);
  const connection: pg.ClientConfig = {
    connectionString: url,
    application_name: 'parley-server',
    // The server cancels a statement or a lock wait after timeoutMs, and ends a transaction
    // its client abandoned; the client gives up on a server that stopped answering at all.
    options: `-c search_path=${schema} -c statement_timeout=${timeoutMs} -c lock_timeout=${timeoutMs} -c idle_in_transaction_session_timeout=${timeoutMs * 2}`,
    query_timeout: timeoutMs + 1000,
    connectionTimeoutMillis: timeoutMs,
    keepAlive: true,
  };
  const pool = new pg.Pool({...connection, max: poolSize});
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', (error) => warn(`postgres: idle connection lost: ${error.message}`));
  const channel = `parley_${schema}`;
  const maxWaiting = poolSize * QUEUE_PER_CONNECTION;
  /** Refuses at once when too many requests already wait for a connection. */
  const admit = () => {
    if (pool.waitingCount >= maxWaiting) {
      throw new StorageUnavailable(`PostgreSQL: ${pool.waitingCount} requests already wait for a connection.`);
    }
  };
  /** A pooled query, with the queue bound and the error classified. */
  async function query<R extends pg.QueryResultRow>(config: pg.QueryConfig | string, values?: unknown[]) {
    admit();
    try {
      return await pool.query<R>(config as pg.QueryConfig, values);
    } catch (error) {
      throw classify(error);
    }
  }

  let versions: {from: number; to: number};
  try {
    versions = await migrate(pool, schema, targetVersion);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const {from, to} = versions;
  if (to !== from) log(`postgres: migrated schema "${schema}" from v${from} to v${to}`);

  const listeners = new Set<PublishedListener>();
  const announce = (p: Published) => {
    for (const l of listeners) l.published(p);
  };

  async function onNotification(payload: string): Promise<void> {
    try {
      const message = JSON.parse(payload) as {event: number; first?: number; removed?: boolean; id: string; comment?: Comment};
      let comment = message.comment;
      if (!comment) {
        const [row] = (await query<Row>('SELECT * FROM comments WHERE id = $1', [message.id])).rows;
        // Changed again since: that change's own announcement carries it (or readers catch up).
        if (row?.status !== 'published' || Number(row.changed_seq) !== message.event) return;
        comment = toComment(row);
      }
      announce({comment, event: message.event, first: message.first ?? message.event, removed: message.removed === true});
    } catch (error) {
      warn(`postgres: could not relay a notification: ${(error as Error).message}`);
      for (const l of listeners) l.missed();
    }
  }

  // One dedicated connection LISTENs. When it is lost it is made again at once, then after
  // 0.5 s, 1 s, 2 s… (at most 10 s) while that fails; once it listens again, the delay starts
  // over and the listeners are told they may have missed announcements.
  let listener: pg.Client | null = null;
  const closing = new AbortController();
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  async function listen(): Promise<void> {
    const client = new pg.Client({...connection, application_name: 'parley-server listen'});
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      if (listener === client) listener = null;
      client.end().catch(() => {});
      if (closing.signal.aborted) return;
      const delay = failures === 0 ? 0 : Math.min(500 * 2 ** (failures - 1), 10_000);
      if (failures === 0) warn(`postgres: LISTEN connection lost (${reason}); reconnecting`);
      else log(`postgres: LISTEN failed (${reason}); retrying in ${delay} ms`);
      failures++;
      retryTimer = setTimeout(() => void listen(), delay);
    };
    client.on('notification', (n) => {
      if (n.channel === channel) void onNotification(n.payload ?? '');
    });
    client.on('error', (error) => fail(error.message));
    client.on('end', () => fail('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      if (closing.signal.aborted) {
        await client.end(); // closed while connecting
        return;
      }
      listener = client;
      if (failures > 0) {
        failures = 0;
        warn('postgres: LISTEN connection back; open event streams read what they missed');
        for (const l of listeners) l.missed();
      }
    } catch (error) {
      fail((error as Error).message);
    }
  }
  // Without it the server still serves; streams catch up once it listens.
  await listen();

  /** Runs `fn` in a transaction on one client; `{rollback: value}` rolls back and returns `value`. */
  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T | {rollback: T}>): Promise<T> {
    admit();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw classify(error);
    }
    // A checked-out client whose connection dies emits 'error'; without a listener that
    // would end the process. The statement in flight fails too, and is answered 503.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      const rolledBack = typeof result === 'object' && result !== null && 'rollback' in result;
      await client.query(rolledBack ? 'ROLLBACK' : 'COMMIT');
      return rolledBack ? result.rollback : result;
    } catch (error) {
      broken ??= classify(error) instanceof StorageUnavailable ? (error as Error) : undefined;
      if (!broken) await client.query('ROLLBACK').catch(() => {});
      throw classify(error);
    } finally {
      client.off('error', onError);
      // A connection that failed is not handed to the next request.
      client.release(broken ?? false);
    }
  }

  const notify = (client: pg.PoolClient, {comment, event, first, removed = false}: Published) => {
    let payload = JSON.stringify({event, first, removed, id: comment.id, comment});
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({event, first, removed, id: comment.id});
    return client.query('SELECT pg_notify($1, $2)', [channel, payload]);
  };

  /**
   * Erases a row as `state` (placeholder or removed); a published one takes the next number
   * of its thread's events (and leaves the count if it was live), and is announced.
   */
  async function erase(client: pg.PoolClient, row: Row, state: number): Promise<void> {
    const published = row.status === 'published' && row.withheld === 0;
    const event = published
      ? Number(
          only((await client.query<{last_event: string}>(SQL.bump, [row.thread_id, row.deleted === STATE.live ? 1 : 0])).rows)
            .last_event
        )
      : null;
    await client.query(SQL.erase, [row.seq, state, event]);
    await client.query('DELETE FROM reactions WHERE comment_seq = $1', [row.seq]);
    if (event !== null)
      await notify(client, {
        comment: toComment({...row, deleted: state, likes: 0}),
        event,
        first: Number(row.event_seq ?? event),
        removed: state === STATE.removed,
      });
  }

  /** A placeholder whose last reply went is removed too, and so on up the branch. */
  async function prune(client: pg.PoolClient, parentId: string | null): Promise<void> {
    while (parentId !== null) {
      const [parent] = (await client.query<Row>('SELECT * FROM comments WHERE id = $1 FOR UPDATE', [parentId])).rows;
      if (parent?.deleted !== STATE.placeholder) return;
      if (only((await client.query<{yes: boolean}>(SQL.hasReplies, [parent.id])).rows).yes) return;
      await erase(client, parent, STATE.removed);
      parentId = parent.parent_id;
    }
  }

  /** The row of `q`, locked, and whether the caller may change it (null: they may). */
  async function checked(
    client: pg.PoolClient,
    q: ChangeQuery
  ): Promise<{row: Row; refusal: null} | {row: Row | undefined; refusal: {kind: 'not_found' | 'forbidden'}}> {
    const [row] = (
      await client.query<Row>('SELECT * FROM comments WHERE id = $1 AND thread_id = $2 FOR UPDATE', [q.id, q.thread])
    ).rows;
    if (!row) return {row, refusal: {kind: 'not_found'}};
    if (!secretMatches(row, q)) return {row, refusal: {kind: 'forbidden'}};
    return {row, refusal: null};
  }

  /**
   * Sets the `withheld` bits of a locked row. A published live comment that becomes
   * withheld leaves the count and is announced as removed; one that is no longer withheld
   * is counted and announced as published anew. Returns the event it took, if any.
   */
  async function withhold(client: pg.PoolClient, row: Row, bits: number): Promise<number | null> {
    if (bits === row.withheld) return null;
    const before = shown(row);
    const after = shown({...row, withheld: bits});
    const set = 'UPDATE comments SET withheld = $2, event_seq = $3, changed_seq = $4 WHERE seq = $1';
    if (before === after) {
      await client.query(set, [row.seq, bits, row.event_seq, row.changed_seq]);
      return null;
    }
    if (before) {
      const event = eventOf(await client.query<{last_event: string}>(SQL.bump, [row.thread_id, 1]));
      await client.query(set, [row.seq, bits, row.event_seq, event]);
      await notify(client, {
        comment: toComment({...row, deleted: STATE.removed}),
        event,
        first: Number(row.event_seq ?? event),
        removed: true,
      });
      return event;
    }
    const event = eventOf(await client.query<{last_event: string}>(SQL.publish, [row.thread_id]));
    await client.query(set, [row.seq, bits, event, event]);
    await notify(client, {comment: toComment({...row, withheld: bits}), event, first: event});
    return event;
  }

  /** Withholds or shows again each comment a target names, as the shadow bans now say. */
  async function reconcile(client: pg.PoolClient, {kind, value}: BanTarget): Promise<void> {
    const {rows} = await client.query<Row & {shadowed: boolean}>(
      `SELECT c.*, ${SHADOW_BANNED} AS shadowed FROM comments c
       WHERE ${namedBy('$1::text', '$2::text')} AND c.deleted < ${STATE.removed} ORDER BY c.seq FOR UPDATE OF c`,
      [kind, value]
    );
    for (const row of rows)
      await withhold(client, row, row.shadowed ? row.withheld | WITHHELD.shadow : row.withheld & ~WITHHELD.shadow);
  }

  async function replay(key: string, fingerprint: string): Promise<ReplayResult | null> {
    const {rows} = await query<{fingerprint: string; response: string; author_token: string | null; live: boolean}>(
      `SELECT fingerprint, response, author_token, EXISTS (SELECT 1 FROM comments c WHERE c.id = k.comment_id AND c.deleted = 0) AS live
       FROM idempotency_keys k WHERE key = $1`,
      [key]
    );
    const previous = rows[0];
    if (!previous) return null;
    if (previous.fingerprint !== fingerprint) return {kind: 'conflict'};
    if (!previous.live) return {kind: 'gone'};
    return {kind: 'replayed', comment: JSON.parse(previous.response) as PostedComment, authorToken: previous.author_token};
  }

  /** The reports of a published locked row go; it leaves the reported queue (and is shown again if it was hidden). */
  async function clearReports(client: pg.PoolClient, row: Row): Promise<void> {
    await client.query('DELETE FROM reports WHERE comment_seq = $1', [row.seq]);
    await client.query('UPDATE comments SET reported_at = NULL WHERE seq = $1', [row.seq]);
    await withhold(client, row, row.withheld & ~WITHHELD.reported);
  }

  async function close(): Promise<void> {
    closing.abort();
    clearTimeout(retryTimer);
    listeners.clear();
    await listener?.end().catch(() => {});
    await pool.end().catch(() => {});
  }

  type Claim = CreateResult | {kind: 'taken'};

  return {
    kind: 'postgres',
    schemaVersion: to,
    description: `${withoutPassword(url)} (schema ${schema})`,
    pool,

    async list(thread, {limit, sort, after, viewer}) {
      const start = after?.seq ?? (sort === 'newest' ? Number.MAX_SAFE_INTEGER : 0);
      const [roots, totals] = await Promise.all([
        query<Row>(
          sort === 'top'
            ? {
                name: 'roots-top',
                text: SQL.rootsTop,
                values: [thread, start, viewer, limit + 1, after?.likes ?? Number.MAX_SAFE_INTEGER],
              }
            : {
                name: `roots-${sort}`,
                text: sort === 'newest' ? SQL.rootsNewest : SQL.rootsOldest,
                values: [thread, start, viewer, limit + 1],
              }
        ),
        query<{published: number; own: string}>({name: 'total', text: SQL.total, values: [thread, viewer]}),
      ]);
      const rootRows = roots.rows.map(pageRow(viewer));
      const replies = rootRows.length
        ? (
            await query<Row>({
              name: 'replies',
              text: SQL.replies,
              values: [rootRows.slice(0, limit).map((r) => r.seq), viewer],
            })
          ).rows.map(pageRow(viewer))
        : [];
      const {published, own} = only(totals.rows);
      const total = published + Number(own);
      return {...assemblePage(rootRows, replies, limit), total};
    },

    async create(input) {
      const comment = newComment(input);
      for (let attempt = 0; ; attempt++) {
        const result = await transaction<Claim>(async (client) => {
          // Claiming the key first makes a concurrent request with the same key wait here
          // until this transaction ends, then see the key and replay its comment.
          const claimed = await client.query(
            `INSERT INTO idempotency_keys (key, fingerprint, comment_id, response, author_token)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING key`,
            [input.key, input.fingerprint, comment.id, JSON.stringify(comment), input.authorToken]
          );
          if (claimed.rowCount === 0) return {rollback: {kind: 'taken'}};
          let rootSeq: string | null = null;
          if (input.parentId !== null) {
            const {rows} = await client.query<Row>(
              'SELECT seq, root_seq, status, author_hash, deleted, withheld FROM comments WHERE id = $1 AND thread_id = $2',
              [input.parentId, input.thread]
            );
            const parent = rows[0];
            const visible =
              parent?.deleted === STATE.live &&
              ((parent.status === 'published' && parent.withheld === 0) ||
                (input.authorHash && parent.author_hash === input.authorHash));
            if (!visible) return {rollback: {kind: 'no_parent'}};
            rootSeq = parent.root_seq ?? parent.seq;
          }
          const withheld = input.shadow ? WITHHELD.shadow : 0;
          const event =
            input.status === 'published' && !withheld
              ? Number(only((await client.query<{last_event: string}>(SQL.publish, [input.thread])).rows).last_event)
              : null;
          await client.query(
            `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq, changed_seq, secret_hash, withheld)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)`,
            [
              comment.id,
              input.thread,
              input.parentId,
              rootSeq,
              input.name,
              input.email,
              input.body,
              input.status,
              input.authorHash,
              comment.createdAt,
              event,
              input.secretHash,
              withheld,
            ]
          );
          if (event !== null) await notify(client, {comment: eventComment(comment), event, first: event});
          return {kind: 'created', comment, authorToken: input.authorToken};
        });
        if (result.kind !== 'taken') return result;
        const previous = await replay(input.key, input.fingerprint);
        if (previous) return previous;
        // The key was purged between the two statements: claim it again.
        if (attempt >= 2) throw new Error('Could not claim an idempotency key.');
      }
    },

    async counts(threads, viewer) {
      const {rows} = await query<{id: string; n: string}>({
        name: 'counts',
        // Every thread asked for: one whose only comments await moderation has no row in threads yet.
        text: `SELECT x.id, coalesce(t.published, 0) + CASE WHEN $2::text IS NULL THEN 0 ELSE
                 (SELECT count(*) FROM comments c WHERE c.thread_id = x.id AND (c.status = 'pending' OR c.withheld <> 0)
                   AND c.deleted = 0 AND c.author_hash = $2) END AS n
               FROM unnest($1::text[]) AS x(id) LEFT JOIN threads t ON t.id = x.id`,
        values: [threads, viewer ?? null],
      });
      const found = new Map(rows.map((r) => [r.id, Number(r.n)]));
      return Object.fromEntries(threads.map((t) => [t, found.get(t) ?? 0]));
    },

    async since(thread, afterEvent, limit) {
      const {rows} = await query<Row>({
        name: 'since',
        text: 'SELECT * FROM comments WHERE thread_id = $1 AND changed_seq > $2 ORDER BY changed_seq ASC LIMIT $3',
        values: [thread, afterEvent, limit],
      });
      return rows.map((r) => {
        // Withheld or taken back since: to everyone else it is gone.
        const gone = r.deleted === STATE.removed || r.status !== 'published' || r.withheld !== 0;
        return {
          comment: toComment(gone ? {...r, deleted: STATE.removed} : r),
          event: Number(r.changed_seq),
          first: Number(r.event_seq ?? r.changed_seq),
          removed: gone,
        };
      });
    },

    async lastEvent(thread) {
      const {rows} = await query<{last_event: string}>({
        name: 'last-event',
        text: 'SELECT last_event FROM threads WHERE id = $1',
        values: [thread],
      });
      return rows[0] ? Number(rows[0].last_event) : 0;
    },

    async ping() {
      await query(
        `INSERT INTO meta (key, value) VALUES ('ready', now()::text) ON CONFLICT (key) DO UPDATE SET value = excluded.value`
      );
    },

    async adminList({status, thread, limit, after}) {
      const {rows} = await query<Row>(
        `SELECT * FROM comments WHERE status = $1 AND deleted = 0 AND ($2::text IS NULL OR thread_id = $2) AND seq > $3 ORDER BY seq ASC LIMIT $4`,
        [status, thread, after ?? 0, limit + 1]
      );
      const page = cut(rows, limit);
      return {comments: page.rows.map(toAdminComment), lastSeq: page.last ? Number(page.last.seq) : null};
    },

    async approve(id) {
      return transaction<ApproveResult>(async (client) => {
        const {rows} = await client.query<Row & {parent_status: string | null}>(
          `SELECT c.*, (SELECT p.status FROM comments p WHERE p.id = c.parent_id) AS parent_status
           FROM comments c WHERE c.id = $1 FOR UPDATE OF c`,
          [id]
        );
        const row = rows[0];
        if (row?.deleted !== STATE.live) return {kind: 'not_found'};
        if (row.status === 'published') {
          // A reported comment the moderator keeps: its reports go, and it is shown again if it was hidden.
          if (row.reported_at !== null) await clearReports(client, row);
          return {kind: 'approved', comment: toComment(row)};
        }
        // Not while its parent is pending: the reply would be counted and streamed, never listed.
        if (row.parent_id !== null && row.parent_status === 'pending') return {kind: 'parent_pending', parentId: row.parent_id};
        if (row.withheld !== 0) {
          // A shadow-banned author's comment: published for its author, counted and streamed for nobody.
          await client.query(`UPDATE comments SET status = 'published' WHERE id = $1`, [id]);
          return {kind: 'approved', comment: toComment({...row, status: 'published'})};
        }
        const event = Number(only((await client.query<{last_event: string}>(SQL.publish, [row.thread_id])).rows).last_event);
        await client.query(`UPDATE comments SET status = 'published', event_seq = $2, changed_seq = $2 WHERE id = $1`, [
          id,
          event,
        ]);
        const comment = toComment({...row, status: 'published'});
        await notify(client, {comment, event, first: event});
        return {kind: 'approved', comment};
      });
    },

    async remove(id) {
      return transaction(async (client) => {
        const {rows} = await client.query<Row>(
          `WITH RECURSIVE doomed(id) AS (
             SELECT id FROM comments WHERE id = $1
             UNION SELECT c.id FROM comments c JOIN doomed d ON c.parent_id = d.id
           )
           SELECT * FROM comments WHERE id IN (SELECT id FROM doomed) AND deleted < ${STATE.removed} ORDER BY seq FOR UPDATE`,
          [id]
        );
        const [top] = rows;
        if (top?.id !== id) return 0;
        for (const r of rows) await erase(client, r, STATE.removed);
        await prune(client, top.parent_id);
        return rows.length;
      });
    },

    async edit(q, body) {
      return transaction<EditResult>(async (client) => {
        const {row, refusal} = await checked(client, q);
        if (refusal) return refusal;
        if (row.deleted !== STATE.live) return {kind: 'gone'};
        if (row.body === body) return {kind: 'edited', comment: toComment(row), changed: false};
        if (!windowOpen(row, q)) return {kind: 'expired'};
        const editedAt = new Date(q.now).toISOString();
        const event =
          row.status === 'published' && row.withheld === 0
            ? Number(only((await client.query<{last_event: string}>(SQL.bump, [row.thread_id, 0])).rows).last_event)
            : null;
        await client.query(
          'UPDATE comments SET body = $2, edited_at = $3, changed_seq = coalesce($4, changed_seq) WHERE seq = $1',
          [row.seq, body, editedAt, event]
        );
        const comment = toComment({...row, body, edited_at: editedAt});
        if (event !== null) await notify(client, {comment, event, first: Number(row.event_seq ?? event)});
        return {kind: 'edited', comment, changed: true};
      });
    },

    async delete(q) {
      return transaction<DeleteResult>(async (client) => {
        const {row, refusal} = await checked(client, q);
        if (refusal) return refusal;
        if (row.deleted === STATE.placeholder) return {kind: 'placeholder', comment: toComment(row)};
        if (row.deleted === STATE.removed) return {kind: 'removed'};
        if (!windowOpen(row, q)) return {kind: 'expired'};
        const replies = only((await client.query<{yes: boolean}>(SQL.hasReplies, [row.id])).rows).yes;
        await erase(client, row, replies ? STATE.placeholder : STATE.removed);
        if (!replies) {
          await prune(client, row.parent_id);
          return {kind: 'removed'};
        }
        return {kind: 'placeholder', comment: toComment({...row, deleted: STATE.placeholder, likes: 0})};
      });
    },

    async react(thread, id, viewer, like) {
      return transaction<ReactionResult>(async (client) => {
        // FOR UPDATE: likes of one comment (and its deletion) take turns; with a shared lock,
        // two likes would each wait for the other to raise the count.
        const [row] = (
          await client.query<Row>('SELECT * FROM comments WHERE id = $1 AND thread_id = $2 FOR UPDATE', [id, thread])
        ).rows;
        if (!row || (!(row.status === 'published' && row.withheld === 0) && row.author_hash !== viewer))
          return {kind: 'not_found'};
        if (row.deleted !== STATE.live) return {kind: 'gone'};
        const changed = like
          ? await client.query('INSERT INTO reactions (comment_seq, author_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
              row.seq,
              viewer,
            ])
          : await client.query('DELETE FROM reactions WHERE comment_seq = $1 AND author_hash = $2', [row.seq, viewer]);
        const {likes} = only(
          (
            await client.query<{likes: number}>('UPDATE comments SET likes = likes + $2 WHERE seq = $1 RETURNING likes', [
              row.seq,
              changed.rowCount ? (like ? 1 : -1) : 0,
            ])
          ).rows
        );
        return {kind: 'reacted', likes, liked: like};
      });
    },

    async locate(thread, id, sort, viewer) {
      const [row] = (
        await query<Row>(`SELECT *, ${liked(3)} FROM comments WHERE id = $1 AND thread_id = $2 AND ${visible(3)}`, [
          id,
          thread,
          viewer,
        ])
      ).rows;
      if (!row) return {kind: 'not_found'};
      const root =
        row.root_seq === null
          ? row
          : (await query<Row>(`SELECT * FROM comments WHERE seq = $1 AND ${visible(2)}`, [row.root_seq, viewer])).rows[0];
      if (!root) return {kind: 'not_found'};
      const where =
        sort === 'top'
          ? '(likes > $4 OR (likes = $4 AND seq < $2))'
          : sort === 'newest'
            ? 'seq > $2 AND $4::int IS NULL'
            : 'seq < $2 AND $4::int IS NULL';
      const {n} = only(
        (
          await query<{n: string}>(
            `SELECT count(*) AS n FROM comments WHERE thread_id = $1 AND root_seq IS NULL AND ${where} AND ${visible(3)}`,
            [thread, root.seq, viewer, sort === 'top' ? root.likes : null]
          )
        ).rows
      );
      return {kind: 'located', comment: toComment(row), rootId: root.id, before: Number(n)};
    },

    replay,

    async banOf(email, authorHash) {
      const {rows} = await query<{shadow: number | null}>(
        `SELECT min(shadow) AS shadow FROM bans WHERE (kind = 'email' AND value = $1) OR (kind = 'author' AND value = $2)`,
        [email?.toLowerCase() ?? null, authorHash]
      );
      const shadow = rows[0]?.shadow ?? null;
      return shadow === null ? null : {shadow: shadow === 1};
    },

    async ban({targets, shadow, name, actor}) {
      return transaction(async (client) => {
        const bans = [];
        for (const t of targets) {
          const {rows} = await client.query<BanRow>(
            `INSERT INTO bans (kind, value, shadow, name, actor, created_at) VALUES ($1, $2, $3, $4, $5, now())
             ON CONFLICT (kind, value) DO UPDATE SET shadow = excluded.shadow, name = coalesce(excluded.name, bans.name),
               actor = excluded.actor, created_at = excluded.created_at
             RETURNING *`,
            [t.kind, t.value, shadow ? 1 : 0, name, actor]
          );
          bans.push(toBan(only(rows)));
          await reconcile(client, t);
        }
        return bans;
      });
    },

    async unban(id) {
      return transaction(async (client) => {
        const [row] = (await client.query<BanRow>('DELETE FROM bans WHERE seq = $1 RETURNING *', [id])).rows;
        if (!row) return null;
        await reconcile(client, {kind: row.kind, value: row.value});
        return toBan(row);
      });
    },

    async authorOf(id) {
      const [row] = (await query<Row>('SELECT * FROM comments WHERE id = $1', [id])).rows;
      if (row?.deleted !== STATE.live) return null;
      return {name: row.author_name, email: row.author_email ?? null, authorHash: row.author_hash, threadId: row.thread_id};
    },

    async bans({limit, before}) {
      const {rows} = await query<BanRow>('SELECT * FROM bans WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      ]);
      const page = cut(rows, limit);
      return {bans: page.rows.map(toBan), lastSeq: page.last ? Number(page.last.seq) : null};
    },

    async report({thread, id, reader, reason, note, threshold, hide}) {
      return transaction<ReportResult>(async (client) => {
        const [row] = (
          await client.query<Row>('SELECT * FROM comments WHERE id = $1 AND thread_id = $2 FOR UPDATE', [id, thread])
        ).rows;
        if (!row) return {kind: 'not_found'};
        if (!(row.status === 'published' && row.withheld === 0) && row.author_hash !== reader) {
          // Hidden from this reader now, maybe by their own report: their retry is answered as the report was.
          const replay = await client.query('SELECT 1 FROM reports WHERE comment_seq = $1 AND reader_hash = $2', [
            row.seq,
            reader,
          ]);
          return replay.rowCount ? {kind: 'reported', queued: false} : {kind: 'not_found'};
        }
        if (row.deleted !== STATE.live) return {kind: 'gone'};
        await client.query(
          'INSERT INTO reports (comment_seq, reader_hash, reason, note, created_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING',
          [row.seq, reader, reason, note]
        );
        if (row.status !== 'published' || row.reported_at !== null) return {kind: 'reported', queued: false};
        const {n} = only(
          (await client.query<{n: string}>('SELECT count(*) AS n FROM reports WHERE comment_seq = $1', [row.seq])).rows
        );
        if (Number(n) < threshold) return {kind: 'reported', queued: false};
        await client.query('UPDATE comments SET reported_at = now() WHERE seq = $1', [row.seq]);
        if (hide) await withhold(client, row, row.withheld | WITHHELD.reported);
        return {kind: 'reported', queued: true};
      });
    },

    async withdraw(id) {
      return transaction<'done' | 'not_found' | 'not_pending'>(async (client) => {
        const [row] = (await client.query<Row>('SELECT * FROM comments WHERE id = $1 FOR UPDATE', [id])).rows;
        if (row?.deleted !== STATE.live) return 'not_found';
        if (row.status !== 'published' || row.reported_at === null) return 'not_pending';
        // Out of the count and the streams first (as a withheld comment is), then pending and rejected.
        const event = shown(row) ? await withhold(client, row, row.withheld | WITHHELD.reported) : null;
        await client.query(
          `UPDATE comments SET withheld = $2, changed_seq = coalesce($3, changed_seq), status = 'pending', rejected_at = now(), reported_at = NULL
           WHERE seq = $1`,
          [row.seq, row.withheld & ~WITHHELD.reported, event]
        );
        await client.query('DELETE FROM reports WHERE comment_seq = $1', [row.seq]);
        return 'done';
      });
    },

    async purgeKeys(olderThan) {
      return (await query('DELETE FROM idempotency_keys WHERE created_at < $1', [olderThan])).rowCount ?? 0;
    },

    async meta(key, value) {
      if (value !== undefined) {
        await query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          value,
        ]);
      }
      const {rows} = await query<{value: string}>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0]?.value ?? null;
    },

    onPublished(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close,

    ...postgresConsole(query),
  };
}

/** Creates the schema when needed and applies the migrations it lacks, under an advisory lock. */
async function migrate(pool: pg.Pool, schema: string, target: number): Promise<{from: number; to: number}> {
  const client = await pool.connect();
  const lock = `parley-migrations:${schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const current = only(
        (await client.query<{v: number}>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows
      ).v;
      if (current > LATEST_VERSION) throw tooNew(current);
      let to = current;
      for (const m of migrations('postgres')) {
        if (m.version <= current || m.version > target) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`Migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, {cause: error});
        }
        to = m.version;
      }
      return {from: current, to};
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => {});
    }
  } finally {
    client.release();
  }
}
