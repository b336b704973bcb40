// The fault suite: what a crash, a failing database or a reconnecting reader must not cost.
// Real server processes (dist/cli.js) on 127.0.0.1, SQLite files and a real PostgreSQL
// (PARLEY_TEST_PG_URL; those cases are skipped without it), SIGKILL, pg_terminate_backend,
// a table lock, readers that reconnect all the time and readers that never read. Posters
// behave as the widget does: each comment keeps its Idempotency-Key and is sent again until
// the server acknowledges it. The closing lines print the figures.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import pg from 'pg';
import {BODY, client, enc, sleep, thread, until} from './helpers.js';
import {spawnServer} from './spawn.js';
import {tcpProxy} from './tcp-proxy.js';
import type {SpawnOptions, SpawnedServer} from './spawn.js';

const PG_URL = process.env.PARLEY_TEST_PG_URL;
const needsPg = PG_URL ? false : 'PARLEY_TEST_PG_URL is not set (bash scripts/ci-postgres.sh prints one)';
const NO_LIMITS = {RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0'};

const figures: string[] = [];
after(() => {
  if (figures.length) console.log(`\nfault suite figures\n${figures.map((f) => `  ${f}`).join('\n')}`);
});

/** Whether the server logged a warning saying `what`. */
const warned = (server: SpawnedServer, what: RegExp) => server.records().some((r) => r.level === 'warn' && what.test(r.msg));

/** A PostgreSQL schema of its own for one case, dropped at the end. */
function pgSchema() {
  const name = `parley_fault_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    env: {STORAGE: 'postgres', DATABASE_URL: PG_URL!, PG_SCHEMA: name},
    async drop() {
      const admin = new pg.Client({connectionString: PG_URL});
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await admin.end();
    },
  };
}

interface PostTally {
  /** Marker of each acknowledged comment → its id. */
  acked: Map<string, string>;
  /** Answers that were not an acknowledgement, by status (0: no answer at all). */
  refused: Map<number, number>;
}

/**
 * Posts `count` comments from `workers` concurrent posters to whichever API `target()`
 * names (null while there is none), each marked in its body and resent with its key until
 * acknowledged or until `deadlineMs` has passed.
 */
async function postAll(
  target: () => string | null,
  t: string,
  {count, workers, deadlineMs = 60_000}: {count: number; workers: number; deadlineMs?: number}
): Promise<PostTally> {
  const tally: PostTally = {acked: new Map(), refused: new Map()};
  const refuse = (status: number) => tally.refused.set(status, (tally.refused.get(status) ?? 0) + 1);
  const end = Date.now() + deadlineMs;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const marker = `#${i}#`;
      const key = randomUUID();
      while (Date.now() < end) {
        const api = target();
        if (!api) {
          await sleep(20);
          continue;
        }
        const res = await client(fetch, api)
          .post(t, {author: {name: `Poster ${i % workers}`}, body: `${BODY} ${marker}`}, {'Idempotency-Key': key})
          .catch(() => null);
        if (res && (res.status === 201 || res.status === 200)) {
          tally.acked.set(marker, res.json.id);
          break;
        }
        refuse(res?.status ?? 0);
        await sleep(20);
      }
    }
  };
  await Promise.all(Array.from({length: workers}, worker));
  return tally;
}

/** Every comment of the thread, page after page. */
async function everything(api: string, t: string): Promise<{id: string; body: string}[]> {
  const all: {id: string; body: string}[] = [];
  let cursor: string | null = null;
  do {
    const res = await fetch(`${api}/threads/${enc(t)}/comments?limit=200${cursor ? `&cursor=${enc(cursor)}` : ''}`);
    assert.equal(res.status, 200);
    const page = (await res.json()) as {comments: {id: string; body: string}[]; nextCursor: string | null};
    all.push(...page.comments);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Acknowledged comments absent from the thread, and comments stored more than once. */
async function audit(api: string, t: string, tally: PostTally) {
  const stored = await everything(api, t);
  const byMarker = new Map<string, number>();
  for (const c of stored) {
    const marker = /#\d+#$/.exec(c.body)?.[0];
    if (marker) byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
  }
  const ids = new Set(stored.map((c) => c.id));
  const lost = [...tally.acked].filter(([, id]) => !ids.has(id)).length;
  const duplicated = [...byMarker.values()].filter((n) => n > 1).length;
  return {stored: stored.length, lost, duplicated};
}

/** How often each id was received: those missing from `expected`, those received twice or more. */
function compare(received: string[], expected: Iterable<string>) {
  const times = new Map<string, number>();
  for (const id of received) times.set(id, (times.get(id) ?? 0) + 1);
  const missing = [...expected].filter((id) => !times.has(id)).length;
  const duplicated = [...times.values()].filter((n) => n > 1).length;
  return {missing, duplicated};
}

/**
 * A reader of a thread's event stream that, every 100–300 ms, drops its connection and
 * resumes on one of `apis` with the Last-Event-ID of the last comment it got.
 */
function resumingReader(apis: () => string[], t: string) {
  const received: string[] = [];
  let last: string | undefined;
  let running = true;
  let reconnects = 0;
  let connected!: () => void;
  const first = new Promise<void>((resolve) => (connected = resolve));
  const done = (async () => {
    while (running) {
      const choices = apis();
      const api = choices[Math.floor(Math.random() * choices.length)];
      const stream = await client(fetch, api)
        .subscribe(t, last ? {'Last-Event-ID': last} : {})
        .catch(() => null);
      if (!stream) {
        await sleep(50);
        continue;
      }
      connected();
      // The first connection stays until it has a position to resume from.
      if (last) await sleep(100 + Math.random() * 200);
      else await until(() => stream.events.length > 0 || !running, 'a first event', 30_000);
      stream.close();
      for (const e of stream.events) {
        if (e.event !== 'comment') continue;
        received.push((JSON.parse(e.data) as {id: string}).id);
        last = e.id;
      }
      reconnects++;
    }
  })();
  return {
    received,
    /** Resolves once the first stream is open. */
    first,
    get reconnects() {
      return reconnects;
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

const drivers = [
  {name: 'sqlite', skip: false as const, setup: () => ({env: {}, drop: async () => {}})},
  {name: 'postgres', skip: needsPg, setup: pgSchema},
];

describe('fault suite', () => {
  for (const driver of drivers) {
    it(
      `${driver.name}: SIGKILL during posts loses no acknowledged comment and duplicates none`,
      {skip: driver.skip},
      async () => {
        const db = driver.setup();
        const dataDir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
        const options: SpawnOptions = {dataDir, env: {...NO_LIMITS, ...db.env}};
        let server: SpawnedServer | null = await spawnServer(options);
        const t = thread('sigkill');
        try {
          const posting = postAll(() => server?.api ?? null, t, {count: 300, workers: 8});
          let kills = 0;
          for (; kills < 3; kills++) {
            await sleep(300 + Math.random() * 300);
            const dying = server;
            server = null;
            await dying.stop('SIGKILL');
            server = await spawnServer(options);
          }
          const tally = await posting;
          const {stored, lost, duplicated} = await audit(server.api, t, tally);
          figures.push(
            `${driver.name} SIGKILL ×${kills}: ${tally.acked.size} posts acknowledged, ${stored} stored, ${lost} lost, ${duplicated} duplicated`
          );
          assert.equal(tally.acked.size, 300, 'every post was acknowledged in the end');
          assert.equal(lost, 0);
          assert.equal(duplicated, 0);
          assert.equal(stored, 300);
        } finally {
          await server?.stop();
          rmSync(dataDir, {recursive: true, force: true});
          await db.drop();
        }
      }
    );
  }

  it(
    'postgres: connections terminated during posts: 5xx for those requests, the process goes on, the stream misses nothing',
    {skip: needsPg},
    async () => {
      const db = pgSchema();
      const server = await spawnServer({env: {...NO_LIMITS, ...db.env}});
      const killer = new pg.Client({connectionString: PG_URL});
      await killer.connect();
      const t = thread('terminated');
      try {
        const reader = await client(fetch, server.api).subscribe(t);
        const posting = postAll(() => server.api, t, {count: 200, workers: 8});
        let terminated = 0;
        for (let round = 0; round < 6; round++) {
          await sleep(120 + Math.random() * 120);
          // Every connection of the server, the LISTEN one included.
          const {rowCount} = await killer.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name LIKE 'parley-server%' AND datname = current_database() AND pid <> pg_backend_pid()`
          );
          terminated += rowCount ?? 0;
        }
        const tally = await posting;
        assert.equal(server.child.exitCode, null, `the server is still running:\n${server.lines.join('\n')}`);
        const acked = [...tally.acked.values()];
        await until(() => reader.received().length >= acked.length, 'every acknowledged comment on the stream', 15_000).catch(
          () => {}
        );
        await sleep(300); // anything more would be a duplicate
        const {missing, duplicated} = compare(
          reader.received().map((c) => c.id),
          acked
        );
        const {lost, duplicated: stored2} = await audit(server.api, t, tally);
        const refused = [...tally.refused].map(([status, n]) => `${n}×${status || 'no answer'}`).join(', ') || 'none';
        figures.push(
          `postgres ${terminated} connections terminated: ${tally.acked.size} posts acknowledged, ${lost} lost, ${stored2} duplicated; refused ${refused}; stream ${missing} missing, ${duplicated} duplicated`
        );
        reader.close();
        assert.equal(tally.acked.size, 200);
        assert.ok(terminated > 0);
        assert.deepEqual(
          [...tally.refused.keys()].filter((s) => s < 500),
          [],
          'failures were answered 5xx, not dropped'
        );
        assert.equal(lost + stored2, 0);
        assert.equal(missing, 0, 'no comment missing on the stream');
        assert.equal(duplicated, 0, 'no comment twice on the stream');
        assert.ok(warned(server, /LISTEN connection back/), server.lines.filter((l) => /"(warn|error)"/.test(l)).join('\n'));
      } finally {
        await killer.end();
        await server.stop();
        await db.drop();
      }
    }
  );

  it(
    'postgres: after the database comes back, the streams get what was published while it was away, and it says so',
    {skip: needsPg},
    async () => {
      const db = pgSchema();
      const upstream = new URL(PG_URL!);
      const proxy = await tcpProxy(upstream.hostname, Number(upstream.port || 5432));
      const viaProxy = new URL(PG_URL!);
      viaProxy.port = String(proxy.port);
      // A reads PostgreSQL through the proxy; B, the instance that takes the posts, directly.
      const a = await spawnServer({env: {...NO_LIMITS, ...db.env, DATABASE_URL: viaProxy.toString()}});
      const b = await spawnServer({env: {...NO_LIMITS, ...db.env}});
      const t = thread('away');
      try {
        const reader = await client(fetch, a.api).subscribe(t);
        const before = await client(fetch, b.api).post(t);
        await until(() => reader.received().length === 1, 'the first comment live');
        proxy.down();
        await sleep(200);
        const during = [];
        for (let i = 0; i < 5; i++) during.push((await client(fetch, b.api).post(t)).json.id as string);
        await sleep(800);
        const back = performance.now();
        proxy.up();
        await until(() => reader.received().length === 6, 'the comments published while A could not listen', 5000).catch(
          () => {}
        );
        const {missing, duplicated} = compare(
          reader.received().map((c) => c.id),
          [before.json.id as string, ...during]
        );
        figures.push(
          `postgres away for 1 s: stream ${missing} missing, ${duplicated} duplicated, caught up ${(performance.now() - back).toFixed(0)} ms after it came back`
        );
        assert.equal(missing, 0);
        assert.equal(duplicated, 0);
        assert.ok(warned(a, /LISTEN connection lost/), a.lines.join('\n'));
        assert.ok(warned(a, /LISTEN connection back/), a.lines.join('\n'));
        reader.close();
      } finally {
        await a.stop();
        await b.stop();
        await proxy.close();
        await db.drop();
      }
    }
  );

  it(
    'postgres: two instances, ten posters, readers resuming with Last-Event-ID get every comment exactly once',
    {skip: needsPg},
    async () => {
      const db = pgSchema();
      const servers = [await spawnServer({env: {...NO_LIMITS, ...db.env}}), await spawnServer({env: {...NO_LIMITS, ...db.env}})];
      const apis = () => servers.map((s) => s.api);
      const t = thread('resume');
      try {
        const readers = [resumingReader(apis, t), resumingReader(apis, t)];
        // The readers hold a position before the posts start.
        for (const r of readers) await r.first;
        const warmup = await postAll(() => servers[0].api, t, {count: 1, workers: 1});
        await until(() => readers.every((r) => r.received.length > 0), 'the readers connected', 10_000);
        let turn = 0;
        const tally = await postAll(() => servers[turn++ % 2].api, t, {count: 500, workers: 10});
        const expected = [...warmup.acked.values(), ...tally.acked.values()];
        await until(() => readers.every((r) => r.received.length >= expected.length), 'every comment read', 15_000).catch(
          () => {}
        );
        await sleep(500);
        for (const r of readers) await r.stop();
        const results = readers.map((r) => ({...compare(r.received, expected), reconnects: r.reconnects}));
        figures.push(
          `postgres 2 instances, ${tally.acked.size} posts: ` +
            results
              .map((r, i) => `reader ${i + 1} (${r.reconnects} reconnects) ${r.missing} missing, ${r.duplicated} duplicated`)
              .join('; ')
        );
        assert.equal(tally.acked.size, 500);
        for (const r of results) {
          assert.ok(r.reconnects > 3, 'the reader did resume');
          assert.equal(r.missing, 0);
          assert.equal(r.duplicated, 0);
        }
      } finally {
        for (const s of servers) await s.stop();
        await db.drop();
      }
    }
  );

  it(
    'postgres: a locked table and a saturated pool are answered 503 with Retry-After within DB_TIMEOUT_MS',
    {skip: needsPg},
    async () => {
      const db = pgSchema();
      const server = await spawnServer({env: {...NO_LIMITS, ...db.env, DB_TIMEOUT_MS: '500', PG_POOL_SIZE: '2'}});
      const locker = new pg.Client({connectionString: PG_URL});
      await locker.connect();
      const t = thread('frozen');
      try {
        const api = client(fetch, server.api);
        assert.equal((await api.post(t)).status, 201);
        await locker.query('BEGIN');
        // Frozen for this server: its tables stay locked by another transaction.
        await locker.query(`LOCK TABLE "${db.env.PG_SCHEMA}".comments, "${db.env.PG_SCHEMA}".meta IN ACCESS EXCLUSIVE MODE`);
        const started = performance.now();
        const answers = await Promise.all(Array.from({length: 40}, (_, i) => (i % 2 ? api.post(t) : api.list(t))));
        const took = performance.now() - started;
        const statuses = answers.map((a) => a.status);
        figures.push(`postgres table locked, pool of 2, 40 requests: all answered 503 in ${took.toFixed(0)} ms`);
        assert.deepEqual(new Set(statuses), new Set([503]), statuses.join(' '));
        assert.ok(answers.every((a) => a.headers.get('retry-after') === '5'));
        assert.ok(took < 4000, `answered in ${took.toFixed(0)} ms, not after minutes`);
        const ready = await fetch(`${server.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.equal((await fetch(`${server.url}/livez`)).status, 200);
        await locker.query('ROLLBACK');
        assert.equal((await api.post(t)).status, 201);
        assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      } finally {
        await locker.end();
        await server.stop();
        await db.drop();
      }
    }
  );

  it('readers that never read are cut off; the others get everything', async () => {
    const server = await spawnServer({env: NO_LIMITS});
    const t = thread('slow');
    const url = new URL(`${server.api}/threads/${enc(t)}/events`);
    try {
      const reader = await client(fetch, server.api).subscribe(t);
      // Nineteen streams (twenty with the reader, as many as one client may hold) whose
      // client sends the request and then never reads the answer.
      const stalled = Array.from({length: 19}, () => {
        const socket = connect(Number(url.port), url.hostname);
        socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
        socket.pause();
        let closed = false;
        socket.on('close', () => (closed = true)).on('error', () => {});
        return {socket, closed: () => closed};
      });
      await sleep(200);
      // Comments of 120 kB (a family emoji is one character of 25 bytes), 12 MB in all: more
      // than the sockets' buffers hold, so the stalled streams fall far behind.
      const big = '👨‍👩‍👧‍👦'.repeat(4800);
      const tally = await postAll(() => server.api, t, {count: 150, workers: 4}).then(async () => {
        const more: string[] = [];
        for (let i = 0; i < 100; i++) {
          const res = await client(fetch, server.api).post(t, {author: {name: 'Long'}, body: `${big} ${i}`});
          more.push(res.json.id);
        }
        return more;
      });
      await until(() => reader.received().length === 150 + tally.length, 'the reading stream got every comment', 15_000);
      // Reading now, a stalled client finds its stream ended: the server let it go.
      for (const s of stalled) s.socket.resume();
      await until(() => stalled.every((s) => s.closed()), 'the stalled streams closed', 10_000);
      figures.push(
        `19 readers that never read: all cut off; the reading stream got ${reader.received().length} of ${150 + tally.length}`
      );
      reader.close();
    } finally {
      await server.stop();
    }
  });
});
