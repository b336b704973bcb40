// Driver-level tests of the storage interface (src/storage): SQLite always,
// PostgreSQL when PARLEY_TEST_PG_URL is set (`bash scripts/ci-postgres.sh` prints one).
// Each PostgreSQL run works in a schema of its own and drops it at the end.
import assert from 'node:assert/strict';
import {createHash, randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {Worker} from 'node:worker_threads';
import pg from 'pg';
import {LATEST_VERSION} from '../src/storage/migrations.js';
import {eventComment} from '../src/storage/rows.js';
import {openPostgres} from '../src/storage/postgres.js';
import type {PostgresStorage} from '../src/storage/postgres.js';
import {openSqlite} from '../src/storage/sqlite.js';
import type {SqliteStorage} from '../src/storage/sqlite.js';
import type {CreateResult, OpenOptions, Published, PublishedListener, Storage} from '../src/storage/types.js';
import type {Comment} from 'parley-contract';
import {BODY, storageInput as input} from './helpers.js';

const PG_URL = process.env.PARLEY_TEST_PG_URL;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The comment a create made or replayed (failing the test when it made none). */
async function made(result: Promise<CreateResult>): Promise<Comment> {
  const r = await result;
  if (r.kind !== 'created' && r.kind !== 'replayed') assert.fail(`expected a comment, got ${r.kind}`);
  return r.comment;
}

/** A listener that hears publications (and ignores "may have missed some"). */
const hear = (published: (p: Published) => void): PublishedListener => ({published, missed: () => {}});

/** How a driver's tests open it and look at its database from outside. */
interface DriverEnv {
  open(options?: OpenOptions): Promise<Storage>;
  versions(storage: Storage): Promise<number[]>;
  tables(storage: Storage): Promise<string[]>;
  forceVersion(storage: Storage, v: number): Promise<void>;
  /** Runs SQL on the storage's database (rows written as an older version would). */
  exec(storage: Storage, sql: string): Promise<void>;
  dir?: string;
  cleanup(): Promise<void>;
}

const drivers: {name: 'sqlite' | 'postgres'; skip?: string | false; setup(): DriverEnv}[] = [
  {
    name: 'sqlite',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'parley-storage-'));
      return {
        open: async (options = {}) => openSqlite({dataDir: dir, ...options}),
        async versions(storage) {
          return (storage as SqliteStorage).db
            .prepare('SELECT version FROM schema_migrations ORDER BY version')
            .pluck()
            .all() as number[];
        },
        async tables(storage) {
          return (storage as SqliteStorage).db
            .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
            .pluck()
            .all() as string[];
        },
        async forceVersion(storage, v) {
          (storage as SqliteStorage).db
            .prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '')`)
            .run(v);
        },
        async exec(storage, sql) {
          (storage as SqliteStorage).db.exec(sql);
        },
        dir,
        async cleanup() {
          rmSync(dir, {recursive: true, force: true});
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: PG_URL ? false : 'PARLEY_TEST_PG_URL is not set (bash scripts/ci-postgres.sh prints one)',
    setup() {
      const schema = `parley_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const admin = new pg.Pool({connectionString: PG_URL, max: 2});
      return {
        open: (options = {}) => openPostgres({url: PG_URL!, schema, ...options}),
        async versions() {
          const {rows} = await admin.query<{version: number}>(
            `SELECT version FROM "${schema}".schema_migrations ORDER BY version`
          );
          return rows.map((r) => r.version);
        },
        async tables() {
          const {rows} = await admin.query<{tablename: string}>(
            `SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
            [schema]
          );
          return rows.map((r) => r.tablename);
        },
        async forceVersion(_storage, v) {
          await admin.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [v]);
        },
        async exec(storage, sql) {
          await (storage as PostgresStorage).pool.query(sql);
        },
        async cleanup() {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

for (const driver of drivers) {
  describe(`storage: ${driver.name}`, {skip: driver.skip}, () => {
    let env: DriverEnv;
    let storage: Storage;
    before(async () => {
      env = driver.setup();
      storage = await env.open();
    });
    after(async () => {
      await storage.close();
      await env.cleanup();
    });

    describe('migrations', () => {
      it('are versioned, recorded, and applied once', async () => {
        assert.equal(storage.schemaVersion, LATEST_VERSION);
        assert.deepEqual(
          await env.versions(storage),
          Array.from({length: LATEST_VERSION}, (_, i) => i + 1)
        );
        const again = await env.open();
        assert.equal(again.schemaVersion, LATEST_VERSION);
        assert.deepEqual(
          await env.versions(again),
          Array.from({length: LATEST_VERSION}, (_, i) => i + 1)
        );
        await again.close();
      });

      it('upgrade a database step by step, keeping its data', async () => {
        const fresh = driver.setup();
        try {
          const logs: string[] = [];
          const v1 = await fresh.open({targetVersion: 1, log: (l) => logs.push(l)});
          assert.equal(v1.schemaVersion, 1);
          assert.deepEqual(await fresh.versions(v1), [1]);
          assert.ok(!(await fresh.tables(v1)).includes('idempotency_keys'), 'v1 has no idempotency_keys yet');
          await v1.meta('kept', 'yes');
          await v1.close();
          const v2 = await fresh.open({log: (l) => logs.push(l)});
          assert.equal(v2.schemaVersion, LATEST_VERSION);
          assert.ok((await fresh.tables(v2)).includes('idempotency_keys'));
          assert.equal(await v2.meta('kept'), 'yes');
          assert.ok(
            logs.some((l) => /from (schema )?v0 to v1/.test(l)),
            logs.join('\n')
          );
          assert.ok(
            logs.some((l) => new RegExp(`from (schema )?v1 to v${LATEST_VERSION}`).test(l)),
            logs.join('\n')
          );
          // A database from a newer server is refused, not half-migrated.
          await fresh.forceVersion(v2, LATEST_VERSION + 1);
          await v2.close();
          await assert.rejects(fresh.open(), /newer than this server knows/);
        } finally {
          await fresh.cleanup();
        }
      });
    });

    describe('upgrade to 0004 (edits, deletions, likes)', () => {
      it('a database at version 3 with comments upgrades in place: nothing lost, events kept, likes work, no secret', async () => {
        const old = driver.setup();
        try {
          const v3 = await old.open({targetVersion: 3});
          assert.equal(v3.schemaVersion, 3);
          await old.exec(
            v3,
            `INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq)
             VALUES ('old-a', 'old', NULL, NULL, 'Ann', 'ann@example.org', '${BODY}', 'published', NULL, '2026-01-01T00:00:00.000Z', 1);
             INSERT INTO comments (id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq)
             VALUES ('old-b', 'old', 'old-a', (SELECT seq FROM comments WHERE id = 'old-a'), 'Bo', NULL, '${BODY} reply', 'published', NULL, '2026-01-01T00:01:00.000Z', 2);
             INSERT INTO threads (id, published, last_event) VALUES ('old', 2, 2);`
          );
          await v3.close();
          const v4 = await old.open();
          try {
            assert.equal(v4.schemaVersion, LATEST_VERSION);
            const page = await v4.list('old', {limit: 10, sort: 'oldest', after: null, viewer: null});
            assert.equal(page.total, 2);
            assert.deepEqual(
              page.comments.map((c) => [c.id, c.parentId, c.body, c.author.name, c.likes, c.liked, c.editedAt, c.deleted]),
              [
                ['old-a', null, BODY, 'Ann', 0, false, null, undefined],
                ['old-b', 'old-a', `${BODY} reply`, 'Bo', 0, false, null, undefined],
              ]
            );
            assert.equal(page.comments[0].createdAt, '2026-01-01T00:00:00.000Z');
            assert.deepEqual(
              (await v4.since('old', 0, 10)).map((p) => [p.comment.id, p.event, p.first]),
              [
                ['old-a', 1, 1],
                ['old-b', 2, 2],
              ]
            );
            assert.deepEqual(await v4.react('old', 'old-a', sha('reader'), true), {kind: 'reacted', likes: 1, liked: true});
            // Made before secrets existed: nobody can edit or delete it.
            const q = {thread: 'old', id: 'old-a', secretHash: sha('anything'), now: Date.now(), windowSeconds: 10 ** 9};
            assert.deepEqual(await v4.edit(q, `${BODY} changed`), {kind: 'forbidden'});
            assert.deepEqual(await v4.delete(q), {kind: 'forbidden'});
            // The next event continues the thread's numbers.
            const next = await made(v4.create(input('old', {parentId: 'old-a'})));
            assert.deepEqual(
              (await v4.since('old', 2, 10)).map((p) => [p.comment.id, p.event]),
              [[next.id, 3]]
            );
          } finally {
            await v4.close();
          }
        } finally {
          await old.cleanup();
        }
      });
    });

    describe('upgrade to 0006 (bans, reports, withheld comments)', () => {
      it('a database at version 5 with comments, a closed thread and a rejected comment upgrades in place; bans and reports then work', async () => {
        const old = driver.setup();
        try {
          const v5 = await old.open({targetVersion: 5});
          assert.equal(v5.schemaVersion, 5);
          const cols =
            'id, thread_id, parent_id, root_seq, author_name, author_email, body, status, author_hash, created_at, event_seq, changed_seq, rejected_at';
          await old.exec(
            v5,
            `INSERT INTO comments (${cols}) VALUES ('a5', 'old5', NULL, NULL, 'Ann', 'Ann@Example.org', '${BODY}', 'published', '${sha('ann')}', '2026-01-01T00:00:00.000Z', 1, 1, NULL);
             INSERT INTO comments (${cols}) VALUES ('b5', 'old5', 'a5', (SELECT seq FROM comments WHERE id = 'a5'), 'Bo', NULL, '${BODY} reply', 'published', NULL, '2026-01-01T00:01:00.000Z', 2, 2, NULL);
             INSERT INTO comments (${cols}) VALUES ('p5', 'old5', NULL, NULL, 'Cy', NULL, '${BODY}', 'pending', NULL, '2026-01-01T00:02:00.000Z', NULL, NULL, '2026-01-02T00:00:00.000Z');
             INSERT INTO threads (id, published, last_event) VALUES ('old5', 2, 2);
             INSERT INTO threads (id, published, last_event, closed_at) VALUES ('closed5', 0, 0, '2026-01-03T00:00:00.000Z');`
          );
          const [a, b] = [{id: 'a5'}, {id: 'b5'}];
          await v5.close();
          const v6 = await old.open();
          try {
            assert.equal(v6.schemaVersion, LATEST_VERSION);
            const page = await v6.list('old5', {limit: 10, sort: 'oldest', after: null, viewer: null});
            assert.deepEqual(
              page.comments.map((c) => c.id),
              [a.id, b.id]
            );
            assert.equal(page.total, 2);
            assert.equal(await v6.isThreadClosed('closed5'), true);
            assert.equal(await v6.isThreadClosed('old5'), false);
            const counts = await v6.queueCounts({thread: 'old5', search: null});
            assert.deepEqual(counts, {pending: 0, published: 2, rejected: 1, reported: 0});
            // A shadow ban by the (lower-cased) e-mail withholds the old comment from others, not from its author.
            const [ban] = await v6.ban({
              targets: [{kind: 'email', value: 'ann@example.org'}],
              shadow: true,
              name: 'Ann',
              actor: 'test',
            });
            assert.deepEqual(await v6.banOf('ANN@example.org', null), {shadow: true});
            assert.deepEqual(await v6.counts(['old5']), {old5: 1});
            const own = await v6.list('old5', {limit: 10, sort: 'oldest', after: null, viewer: sha('ann')});
            assert.deepEqual(
              own.comments.map((c) => c.id),
              [a.id, b.id]
            );
            assert.equal((await v6.unban(ban.id))?.id, ban.id);
            assert.deepEqual(await v6.counts(['old5']), {old5: 2});
            // Reports of an old comment.
            for (const reader of ['r1', 'r2', 'r3'])
              assert.deepEqual(
                await v6.report({
                  thread: 'old5',
                  id: b.id,
                  reader: sha(reader),
                  reason: 'spam',
                  note: null,
                  threshold: 3,
                  hide: false,
                }),
                {kind: 'reported', queued: reader === 'r3'}
              );
            assert.equal((await v6.queueCounts({thread: 'old5', search: null})).reported, 1);
          } finally {
            await v6.close();
          }
        } finally {
          await old.cleanup();
        }
      });
    });

    describe('comments', () => {
      it('creates, lists each top-level comment with its replies, pages both ways', async () => {
        const t = `thread/${randomUUID()}`;
        const roots = [];
        for (let i = 0; i < 5; i++) roots.push(await made(storage.create(input(t, {body: `${BODY} ${i}`}))));
        const reply = await made(storage.create(input(t, {parentId: roots[0].id})));
        const nested = await made(storage.create(input(t, {parentId: reply.id})));
        assert.equal(nested.parentId, reply.id);

        const first = await storage.list(t, {limit: 2, sort: 'oldest', after: null, viewer: null});
        assert.deepEqual(
          first.comments.map((c) => c.id),
          [roots[0].id, reply.id, nested.id, roots[1].id]
        );
        assert.equal(first.total, 7);
        assert.equal(typeof first.last?.seq, 'number');
        const second = await storage.list(t, {limit: 2, sort: 'oldest', after: first.last, viewer: null});
        assert.deepEqual(
          second.comments.map((c) => c.id),
          [roots[2].id, roots[3].id]
        );
        const third = await storage.list(t, {limit: 2, sort: 'oldest', after: second.last, viewer: null});
        assert.deepEqual(
          third.comments.map((c) => c.id),
          [roots[4].id]
        );
        assert.equal(third.last, null);

        const newest = await storage.list(t, {limit: 3, sort: 'newest', after: null, viewer: null});
        assert.deepEqual(
          newest.comments.map((c) => c.id),
          [roots[4].id, roots[3].id, roots[2].id]
        );
        const older = await storage.list(t, {limit: 3, sort: 'newest', after: newest.last, viewer: null});
        assert.deepEqual(
          older.comments.map((c) => c.id),
          [roots[1].id, roots[0].id, reply.id, nested.id]
        );

        const c = first.comments[0];
        assert.deepEqual(Object.keys(c).sort(), [
          'author',
          'body',
          'createdAt',
          'editedAt',
          'id',
          'liked',
          'likes',
          'parentId',
          'status',
          'threadId',
        ]);
        assert.deepEqual(c.author, {name: 'Ann', avatarUrl: null});
        assert.match(c.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      });

      it('stores text verbatim: quotes, SQL, unicode, long bodies', async () => {
        const t = `x'); DROP TABLE comments; -- ${randomUUID()} 👍🏽`;
        const bodies = [`'); DELETE FROM threads; -- ${BODY}`, '👍🏽'.repeat(5000), `line\n\nbreaks\ttabs "quotes" \\ ${BODY}`];
        for (const body of bodies) await storage.create(input(t, {body, name: `O'Brien "Bob"`}));
        const page = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
        assert.deepEqual(
          page.comments.map((c) => c.body),
          bodies
        );
        assert.equal(page.comments[0].threadId, t);
        assert.equal(page.comments[0].author.name, `O'Brien "Bob"`);
      });

      it('refuses a parent that is not in the thread, and writes nothing', async () => {
        const other = await made(storage.create(input(`elsewhere/${randomUUID()}`)));
        const t = `orphans/${randomUUID()}`;
        const key = randomUUID();
        assert.deepEqual(await storage.create(input(t, {parentId: other.id, key})), {kind: 'no_parent'});
        assert.deepEqual(await storage.create(input(t, {parentId: 'missing'})), {kind: 'no_parent'});
        assert.equal((await storage.counts([t]))[t], 0);
        // The refused key was not used up.
        assert.equal((await storage.create(input(t, {key}))).kind, 'created');
      });

      it('counts published comments per thread', async () => {
        const [a, b] = [`count/${randomUUID()}`, `count/${randomUUID()}`];
        await storage.create(input(a));
        await storage.create(input(a));
        await storage.create(input(a, {status: 'pending', authorHash: sha('x')}));
        assert.deepEqual(await storage.counts([a, b]), {[a]: 2, [b]: 0});
      });
    });

    describe('idempotency', () => {
      it('the same key replays the stored result; another fingerprint is a conflict', async () => {
        const t = `idem/${randomUUID()}`;
        const key = randomUUID();
        const first = await storage.create(input(t, {key, authorToken: 'tok', authorHash: sha('tok')}));
        assert.equal(first.kind, 'created');
        const again = await storage.create(input(t, {key}));
        assert.equal(again.kind, 'replayed');
        assert.deepEqual(again.comment, first.comment);
        assert.equal(again.authorToken, 'tok');
        assert.deepEqual(await storage.create(input(t, {key, fingerprint: 'other'})), {kind: 'conflict'});
        assert.equal((await storage.counts([t]))[t], 1);
      });

      it('a key whose comment was deleted replays nothing and makes nothing again: gone', async () => {
        const t = `idem-deleted/${randomUUID()}`;
        const [key, replyKey] = [randomUUID(), randomUUID()];
        const root = await made(storage.create(input(t, {key})));
        await made(storage.create(input(t, {key: replyKey, parentId: root.id})));
        assert.equal(await storage.remove(root.id), 2);
        assert.deepEqual(await storage.create(input(t, {key})), {kind: 'gone'});
        assert.deepEqual(await storage.create(input(t, {key: replyKey, parentId: root.id})), {kind: 'gone'});
        assert.deepEqual(await storage.create(input(t, {key, fingerprint: 'other'})), {kind: 'conflict'});
        const page = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
        assert.deepEqual(page.comments, []);
        assert.equal(page.total, 0);
      });

      it('concurrent creates with one key make one comment', async () => {
        const t = `race/${randomUUID()}`;
        const key = randomUUID();
        const results = await Promise.all(Array.from({length: 12}, () => storage.create(input(t, {key}))));
        assert.equal(results.filter((r) => r.kind === 'created').length, 1);
        assert.equal(new Set(await Promise.all(results.map(async (r) => (await made(Promise.resolve(r))).id))).size, 1);
        const page = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
        assert.equal(page.total, 1);
      });

      if (driver.name === 'sqlite') {
        it('processes sharing one file: concurrent creates with one key make one comment', async () => {
          const t = `race-files/${randomUUID()}`;
          const key = randomUUID();
          const code = `
            const {parentPort, workerData} = require('node:worker_threads');
            import(workerData.module).then(async ({openSqlite}) => {
              const s = openSqlite({dataDir: workerData.dir});
              const shared = new Int32Array(workerData.gate);
              Atomics.wait(shared, 0, 0);
              const r = await s.create(workerData.input);
              await s.close();
              parentPort.postMessage({kind: r.kind, id: r.comment.id});
            });`;
          const gate = new SharedArrayBuffer(4);
          const module = new URL('../dist/storage/sqlite.js', import.meta.url).href;
          const workers = Array.from(
            {length: 4},
            () => new Worker(code, {eval: true, workerData: {module, dir: env.dir, gate, input: input(t, {key})}})
          );
          await sleep(300);
          Atomics.store(new Int32Array(gate), 0, 1);
          Atomics.notify(new Int32Array(gate), 0);
          const results = await Promise.all(
            workers.map(
              (w) =>
                new Promise<{kind: string; id: string}>((resolve, reject) => w.once('message', resolve).once('error', reject))
            )
          );
          assert.equal(results.filter((r) => r.kind === 'created').length, 1, JSON.stringify(results));
          assert.equal(new Set(results.map((r) => r.id)).size, 1);
          assert.equal((await storage.counts([t]))[t], 1);
        });
      }

      it('forgets keys older than the cut-off', async () => {
        const t = `purge/${randomUUID()}`;
        const key = randomUUID();
        await storage.create(input(t, {key}));
        assert.equal(await storage.purgeKeys(new Date(Date.now() - 3600_000)), 0);
        assert.equal((await storage.create(input(t, {key}))).kind, 'replayed');
        assert.ok((await storage.purgeKeys(new Date(Date.now() + 1000))) >= 1);
        assert.equal((await storage.create(input(t, {key}))).kind, 'created');
      });
    });

    describe('moderation', () => {
      it('pending comments: listed to their author only; approve publishes; remove takes replies along', async () => {
        const t = `moderated/${randomUUID()}`;
        const author = sha('author-token');
        const published = await made(storage.create(input(t)));
        const pending = await made(storage.create(input(t, {status: 'pending', authorHash: author, email: 'ann@example.org'})));
        assert.equal(pending.status, 'pending');
        // Someone else cannot reply to it; its author can.
        assert.equal((await storage.create(input(t, {parentId: pending.id}))).kind, 'no_parent');
        const ownReply = await made(storage.create(input(t, {parentId: pending.id, status: 'pending', authorHash: author})));

        const anon = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
        assert.deepEqual(
          anon.comments.map((c) => c.id),
          [published.id]
        );
        assert.equal(anon.total, 1);
        const other = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: sha('someone else')});
        assert.deepEqual(
          other.comments.map((c) => c.id),
          [published.id]
        );
        const own = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: author});
        assert.deepEqual(
          own.comments.map((c) => c.id),
          [published.id, pending.id, ownReply.id]
        );
        assert.equal(own.total, 3);
        assert.deepEqual(await storage.counts([t]), {[t]: 1});
        // Counted as each viewer's page counts them; a thread with nothing published yet too.
        const lone = `moderated/${randomUUID()}`;
        await made(storage.create(input(lone, {status: 'pending', authorHash: author})));
        assert.deepEqual(await storage.counts([t, lone], author), {[t]: 3, [lone]: 1});
        assert.deepEqual(await storage.counts([t, lone], sha('someone else')), {[t]: 1, [lone]: 0});

        const queue = await storage.adminList({status: 'pending', thread: t, limit: 1, after: null});
        assert.deepEqual(
          queue.comments.map((c) => c.comment.id),
          [pending.id]
        );
        assert.equal(queue.comments[0].comment.author.email, 'ann@example.org');
        const rest = await storage.adminList({status: 'pending', thread: t, limit: 1, after: queue.lastSeq});
        assert.deepEqual(
          rest.comments.map((c) => c.comment.id),
          [ownReply.id]
        );
        assert.equal(rest.lastSeq, null);

        const events: Comment[] = [];
        const stop = storage.onPublished(hear((p) => events.push(p.comment)));
        // The reply waits for its parent: approved alone, it would be counted but never listed.
        assert.deepEqual(await storage.approve(ownReply.id), {kind: 'parent_pending', parentId: pending.id});
        assert.deepEqual(await storage.counts([t]), {[t]: 1});
        const approved = await storage.approve(pending.id);
        assert.equal(approved.kind === 'approved' && approved.comment.status, 'published');
        assert.deepEqual(await storage.counts([t]), {[t]: 2});
        const again = await storage.approve(pending.id); // no change
        assert.equal(again.kind === 'approved' && again.comment.status, 'published');
        assert.deepEqual(await storage.counts([t]), {[t]: 2});
        assert.deepEqual(await storage.approve('no-such-id'), {kind: 'not_found'});
        for (let i = 0; i < 100 && events.length < 1; i++) await sleep(20);
        assert.deepEqual(
          events.map((c) => c.id),
          [pending.id]
        );
        assert.equal(events[0].status, 'published');
        // Now the reply can go, and is listed with its parent.
        const reply = await storage.approve(ownReply.id);
        assert.equal(reply.kind, 'approved');
        assert.deepEqual(await storage.counts([t]), {[t]: 3});
        for (let i = 0; i < 100 && events.length < 2; i++) await sleep(20);
        stop();
        assert.deepEqual(
          events.map((c) => c.id),
          [pending.id, ownReply.id]
        );
        const listed = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
        assert.deepEqual(
          listed.comments.map((c) => c.id),
          [published.id, pending.id, ownReply.id]
        );
        assert.equal(listed.total, 3);

        assert.equal(await storage.remove(pending.id), 2);
        assert.deepEqual(await storage.counts([t]), {[t]: 1});
        const after = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: author});
        assert.deepEqual(
          after.comments.map((c) => c.id),
          [published.id]
        );
        assert.equal(await storage.remove(pending.id), 0);
      });
    });

    describe('events', () => {
      it('onPublished announces published comments (not pending ones), numbered 1, 2, 3… per thread; since() replays them', async () => {
        const t = `events/${randomUUID()}`;
        const seen: {id: string; event: number}[] = [];
        const stop = storage.onPublished(hear((p) => seen.push({id: p.comment.id, event: p.event})));
        assert.equal(await storage.lastEvent(t), 0);
        const a = await made(storage.create(input(t)));
        await storage.create(input(t, {status: 'pending', authorHash: sha('p')}));
        const big = await made(storage.create(input(t, {body: '👍🏽'.repeat(5000)}))); // larger than a NOTIFY payload
        for (let i = 0; i < 100 && seen.length < 2; i++) await sleep(20);
        await sleep(50);
        stop();
        assert.deepEqual(seen, [
          {id: a.id, event: 1},
          {id: big.id, event: 2},
        ]);
        assert.equal(await storage.lastEvent(t), 2);
        const replay = await storage.since(t, 1, 10);
        assert.deepEqual(
          replay.map((e) => [e.comment.id, e.event]),
          [[big.id, 2]]
        );
        assert.equal(replay[0].comment.body, '👍🏽'.repeat(5000));
      });

      it('an approved comment takes the next number when it is approved, not its place of creation', async () => {
        const t = `events/${randomUUID()}`;
        const pending = await made(storage.create(input(t, {status: 'pending', authorHash: sha('q')})));
        const first = await made(storage.create(input(t)));
        await storage.approve(pending.id);
        const later = await made(storage.create(input(t)));
        assert.deepEqual(
          (await storage.since(t, 0, 10)).map((e) => [e.comment.id, e.event]),
          [
            [first.id, 1],
            [pending.id, 2],
            [later.id, 3],
          ]
        );
        // A client that had seen event 1 gets the approved comment when it resumes.
        assert.deepEqual(
          (await storage.since(t, 1, 10)).map((e) => e.comment.id),
          [pending.id, later.id]
        );
        // Deleting does not renumber: the deletion is event 4 (a placeholder, removed), the next publication 5.
        await storage.remove(later.id);
        const next = await made(storage.create(input(t)));
        assert.deepEqual(
          (await storage.since(t, 2, 10)).map((e) => [e.comment.id, e.event, e.first, e.removed, e.comment.deleted ?? false]),
          [
            [later.id, 4, 3, true, true],
            [next.id, 5, 5, false, false],
          ]
        );
      });

      if (driver.name === 'postgres') {
        it('every instance sharing the database hears of a new comment (LISTEN/NOTIFY)', async () => {
          const other = await env.open();
          try {
            const t = `instances/${randomUUID()}`;
            const heard: Comment[] = [];
            const stop = other.onPublished(hear((p) => heard.push(p.comment)));
            const first = await made(storage.create(input(t)));
            const big = await made(storage.create(input(t, {body: 'ж'.repeat(5000)})));
            for (let i = 0; i < 100 && heard.length < 2; i++) await sleep(20);
            stop();
            assert.deepEqual(heard, [eventComment(first), eventComment(big)]);
          } finally {
            await other.close();
          }
        });

        it('every instance hears of edits and deletions too, numbered after the publication (LISTEN/NOTIFY)', async () => {
          const other = await env.open();
          try {
            const t = `instances/${randomUUID()}`;
            const heard: Published[] = [];
            const stop = other.onPublished(hear((p) => heard.push(p)));
            const secret = 'a-secret';
            const c = await made(storage.create(input(t, {secret, secretHash: sha(secret)})));
            const q = {thread: t, id: c.id, secretHash: sha(secret), now: Date.now(), windowSeconds: 60};
            const long = 'ж'.repeat(5000);
            assert.equal((await storage.edit(q, long)).kind, 'edited');
            // Too long for a NOTIFY payload: read back by id (a later change would be skipped, and read by since()).
            for (let i = 0; i < 100 && heard.length < 2; i++) await sleep(20);
            assert.equal((await storage.delete(q)).kind, 'removed');
            for (let i = 0; i < 100 && heard.length < 3; i++) await sleep(20);
            stop();
            assert.deepEqual(
              heard.map((p) => [
                p.comment.id,
                p.event,
                p.first,
                p.removed ?? false,
                p.comment.body.length,
                p.comment.deleted ?? false,
              ]),
              [
                [c.id, 1, 1, false, BODY.length, false],
                [c.id, 2, 1, false, 5000, false],
                [c.id, 3, 1, true, 0, true],
              ]
            );
          } finally {
            await other.close();
          }
        });
      }
    });

    it('data survives a restart', async () => {
      const t = `restart/${randomUUID()}`;
      const key = randomUUID();
      const kept = await made(storage.create(input(t, {key})));
      await storage.meta('restart-check', 'kept');
      await storage.close();
      storage = await env.open();
      const page = await storage.list(t, {limit: 50, sort: 'oldest', after: null, viewer: null});
      assert.deepEqual(page.comments, [kept]);
      assert.equal(await storage.meta('restart-check'), 'kept');
      assert.equal((await storage.create(input(t, {key}))).kind, 'replayed');
    });
  });
}
