// PostgreSQL driver, for several server instances behind a load balancer. Publications are
// numbered under the lock of the thread's row (so in commit order) and announced with NOTIFY
// inside the writing transaction (so only committed comments are announced); every instance
// LISTENs, so SSE readers on any instance see them. A lost LISTEN connection is made again
// and the listeners are told that they may have missed some, so that they read them back.
import pg from 'pg';
import type {Comment} from 'parley-contract';
import {LATEST_VERSION, migrations, tooNew} from './migrations.js';
import {postgresConsole} from './postgres-console.js';
import {assemblePage, cut, newComment, toAdminComment, toComment} from './rows.js';
import type {CommentRow, PageRow} from './rows.js';
import {StorageUnavailable} from './types.js';
import type {ApproveResult, CreateResult, OpenOptions, Published, PublishedListener, Storage} from './types.js';

// NOTIFY payloads must stay under 8000 bytes; a longer comment is announced by id and read back.
const MAX_PAYLOAD = 7000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Requests that may wait for a pooled connection, per connection; more are answered 503. */
const QUEUE_PER_CONNECTION = 10;

const VISIBLE = `(status = 'published' OR (author_hash IS NOT NULL AND author_hash = $3))`;
const SQL = {
  rootsOldest: `SELECT * FROM comments WHERE thread_id = $1 AND root_seq IS NULL AND seq > $2 AND ${VISIBLE} ORDER BY seq ASC LIMIT $4`,
  rootsNewest: `SELECT * FROM comments WHERE thread_id = $1 AND root_seq IS NULL AND seq < $2 AND ${VISIBLE} ORDER BY seq DESC LIMIT $4`,
  replies: `SELECT * FROM comments WHERE root_seq = ANY($1::bigint[])
            AND (status = 'published' OR (author_hash IS NOT NULL AND author_hash = $2)) ORDER BY seq ASC`,
  total: `SELECT coalesce((SELECT published FROM threads WHERE id = $1), 0) AS published,
            CASE WHEN $2::text IS NULL THEN 0 ELSE
              (SELECT count(*) FROM comments WHERE thread_id = $1 AND status = 'pending' AND author_hash = $2) END AS own`,
  // Counts one more published comment and numbers it. The row stays locked until the
  // transaction ends, so a thread's numbers are taken in the order the transactions commit.
  publish: `INSERT INTO threads (id, published, last_event) VALUES ($1, 1, 1) ON CONFLICT (id)
            DO UPDATE SET published = threads.published + 1, last_event = threads.last_event + 1 RETURNING last_event`,
};

type Row = CommentRow & {seq: string; root_seq: string | null; author_hash: string | null; event_seq: string | null};

/** The one row a statement always returns (an aggregate, an INSERT … RETURNING). */
function only<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('PostgreSQL returned no row where it always returns one.');
  return row;
}

const pageRow = (r: Row): PageRow => ({
  seq: Number(r.seq),
  rootSeq: r.root_seq === null ? null : Number(r.root_seq),
  comment: toComment(r),
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
      const message = JSON.parse(payload) as {event: number; id: string; comment?: Comment};
      let comment = message.comment;
      if (!comment) {
        const [row] = (await query<Row>('SELECT * FROM comments WHERE id = $1', [message.id])).rows;
        if (row?.status !== 'published') return;
        comment = toComment(row);
      }
      announce({comment, event: message.event});
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

  const notify = (client: pg.PoolClient, comment: Comment, event: number) => {
    let payload = JSON.stringify({event, id: comment.id, comment});
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({event, id: comment.id});
    return client.query('SELECT pg_notify($1, $2)', [channel, payload]);
  };

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
      const start = after ?? (sort === 'newest' ? Number.MAX_SAFE_INTEGER : 0);
      const [roots, totals] = await Promise.all([
        query<Row>({
          name: `roots-${sort}`,
          text: sort === 'newest' ? SQL.rootsNewest : SQL.rootsOldest,
          values: [thread, start, viewer, limit + 1],
        }),
        query<{published: number; own: string}>({name: 'total', text: SQL.total, values: [thread, viewer]}),
      ]);
      const rootRows = roots.rows.map(pageRow);
      const replies = rootRows.length
        ? (
            await query<Row>({
              name: 'replies',
              text: SQL.replies,
              values: [rootRows.slice(0, limit).map((r) => r.seq), viewer],
            })
          ).rows.map(pageRow)
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
              'SELECT seq, root_seq, status, author_hash FROM comments WHERE id = $1 AND thread_id = $2',
              [input.parentId, input.thread]
            );
            const parent = rows[0];
            const visible =
              parent && (parent.status === 'published' || (input.authorHash && parent.author_hash === input.authorHash));
            if (!visible) return {rollback: {kind: 'no_parent'}};
            rootSeq = parent.root_seq ?? parent.seq;
          }
          const event =
            input.status === 'published'
              ? Number(only((await client.query<{last_event: string}>(SQL.publish, [input.thread])).rows).last_event)
              : null;
          await client.query(
            `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
            ]
          );
          if (event !== null) await notify(client, comment, event);
          return {kind: 'created', comment, authorToken: input.authorToken};
        });
        if (result.kind !== 'taken') return result;
        const {rows} = await query<{fingerprint: string; response: string; author_token: string | null; live: boolean}>(
          `SELECT fingerprint, response, author_token, EXISTS (SELECT 1 FROM comments c WHERE c.id = k.comment_id) AS live
           FROM idempotency_keys k WHERE key = $1`,
          [input.key]
        );
        const previous = rows[0];
        if (previous) {
          if (previous.fingerprint !== input.fingerprint) return {kind: 'conflict'};
          if (!previous.live) return {kind: 'gone'};
          return {kind: 'replayed', comment: JSON.parse(previous.response) as Comment, authorToken: previous.author_token};
        }
        // The key was purged between the two statements: claim it again.
        if (attempt >= 2) throw new Error('Could not claim an idempotency key.');
      }
    },

    async counts(threads) {
      const {rows} = await query<{id: string; published: number}>({
        name: 'counts',
        text: 'SELECT id, published FROM threads WHERE id = ANY($1::text[])',
        values: [threads],
      });
      const found = new Map(rows.map((r) => [r.id, r.published]));
      return Object.fromEntries(threads.map((t) => [t, found.get(t) ?? 0]));
    },

    async since(thread, afterEvent, limit) {
      const {rows} = await query<Row>({
        name: 'since',
        text: 'SELECT * FROM comments WHERE thread_id = $1 AND event_seq > $2 ORDER BY event_seq ASC LIMIT $3',
        values: [thread, afterEvent, limit],
      });
      return rows.map((r) => ({comment: toComment(r), event: Number(r.event_seq)}));
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
        `SELECT * FROM comments WHERE status = $1 AND ($2::text IS NULL OR thread_id = $2) AND seq > $3 ORDER BY seq ASC LIMIT $4`,
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
        if (!row) return {kind: 'not_found'};
        if (row.status === 'published') return {kind: 'approved', comment: toComment(row)};
        // Not while its parent is pending: the reply would be counted and streamed, never listed.
        if (row.parent_id !== null && row.parent_status === 'pending') return {kind: 'parent_pending', parentId: row.parent_id};
        const event = Number(only((await client.query<{last_event: string}>(SQL.publish, [row.thread_id])).rows).last_event);
        await client.query(`UPDATE comments SET status = 'published', event_seq = $2 WHERE id = $1`, [id, event]);
        const comment = toComment({...row, status: 'published'});
        await notify(client, comment, event);
        return {kind: 'approved', comment};
      });
    },

    async remove(id) {
      return transaction(async (client) => {
        const {rows} = await client.query<{thread_id: string; status: string}>(
          `WITH RECURSIVE doomed(id) AS (
             SELECT id FROM comments WHERE id = $1
             UNION SELECT c.id FROM comments c JOIN doomed d ON c.parent_id = d.id
           )
           DELETE FROM comments WHERE id IN (SELECT id FROM doomed) RETURNING thread_id, status`,
          [id]
        );
        const gone = new Map<string, number>();
        for (const r of rows) if (r.status === 'published') gone.set(r.thread_id, (gone.get(r.thread_id) ?? 0) + 1);
        for (const [thread, n] of gone)
          await client.query('UPDATE threads SET published = published - $2 WHERE id = $1', [thread, n]);
        return rows.length;
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
