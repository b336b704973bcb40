// npm run bench:server — load benchmark of parley-server on 127.0.0.1.
//
// For each driver (SQLite always; PostgreSQL when PARLEY_BENCH_PG_URL or PARLEY_TEST_PG_URL
// is set, or the database of `bash scripts/ci-postgres.sh` answers), it seeds 10,000
// comments into one thread (every fifth a reply), starts the server as its own process
// with rate limits off, and runs autocannon against it from this process:
//   list  GET the first page of the thread (50 top-level comments and their replies)
//   post  POST a new comment, a fresh Idempotency-Key per request
// and prints requests per second and p50/p99 latency.
//
// Environment: BENCH_SECONDS (default 10 per run), BENCH_CONNECTIONS (default 10),
// BENCH_COMMENTS (default 10000). Target on the 2-core CI machine: list >= 2,000 req/s
// with p99 < 50 ms on SQLite.
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import autocannon from 'autocannon';
import type {Options, Result} from 'autocannon';
import pg from 'pg';
import type {Comment} from 'parley-contract';
import {openStorage} from '../src/storage/index.js';
import type {StorageConfig} from '../src/storage/index.js';
import {spawnServer} from '../test/spawn.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 10;
const COMMENTS = Number(process.env.BENCH_COMMENTS) || 10_000;
const THREAD = 'bench/2026/a-very-popular-article';
const BODY = 'A benchmark comment: long enough to pass the minimum length, short enough to be typical.';
const DEFAULT_PG = 'postgres://parley:parley@127.0.0.1:5432/parley_test';

async function pgUrl(): Promise<string | null> {
  const url = process.env.PARLEY_BENCH_PG_URL || process.env.PARLEY_TEST_PG_URL || DEFAULT_PG;
  const client = new pg.Client({connectionString: url, connectionTimeoutMillis: 2000});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (error) {
    const reason = (error as Error).message;
    console.log(
      `PostgreSQL: skipped (${url.replace(/:[^:@/]*@/, ':***@')} does not answer: ${reason}; bash scripts/ci-postgres.sh starts one)`
    );
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Seeds COMMENTS comments into THREAD through the storage interface, `parallel` at a time. */
async function seed(config: StorageConfig, parallel: number): Promise<{total: number; seconds: number}> {
  const storage = await openStorage(config);
  const started = performance.now();
  let lastRoot: string | null = null;
  let next = 0;
  const one = async (i: number) => {
    const reply = i % 5 === 4 && lastRoot;
    const result = await storage.create({
      key: `seed-${i}`,
      fingerprint: `seed-${i}`,
      thread: THREAD,
      parentId: reply ? lastRoot : null,
      name: `Reader ${i}`,
      email: null,
      body: `${BODY} #${i}`,
      status: 'published',
      authorHash: null,
      authorToken: null,
      secret: null,
      secretHash: null,
    });
    if (!reply && result.kind === 'created') lastRoot = result.comment.id;
  };
  await Promise.all(
    Array.from({length: parallel}, async () => {
      while (next < COMMENTS) await one(next++);
    })
  );
  const total = (await storage.counts([THREAD]))[THREAD] ?? 0;
  await storage.close();
  return {total, seconds: (performance.now() - started) / 1000};
}

function run(title: string, options: Omit<Options, 'url'> & {url: string}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({connections: CONNECTIONS, duration: SECONDS, ...options}, (error, result) =>
      error ? reject(error) : resolve(result)
    );
    autocannon.track(instance, {renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false});
    process.stdout.write(`  ${title}: ${options.duration ?? SECONDS} s, ${options.connections ?? CONNECTIONS} connections…\n`);
  });
}

interface Row {
  driver: string;
  route: string;
  result: Result;
}

async function bench(name: string, config: StorageConfig, env: Record<string, string>): Promise<Row[]> {
  console.log(`\n${name}: seeding ${COMMENTS} comments into one thread…`);
  const seeded = await seed(config, config.storage === 'postgres' ? 8 : 1);
  console.log(`  seeded ${seeded.total} in ${seeded.seconds.toFixed(1)} s`);
  const server = await spawnServer({dataDir: config.dataDir, env: {RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0', ...env}});
  const listUrl = `${server.api}/threads/${encodeURIComponent(THREAD)}/comments`;
  try {
    const first = (await (await fetch(listUrl)).json()) as {comments: Comment[]; total: number};
    console.log(
      `  first page: ${first.comments.length} comments (${first.comments.filter((c) => c.parentId).length} replies), total ${first.total}`
    );
    await run('warm-up', {url: listUrl, duration: 2});
    const list = await run('list', {url: listUrl});
    const post = await run('post', {
      url: listUrl,
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({author: {name: 'Bench'}, body: BODY}),
      requests: [{setupRequest: (req) => ({...req, headers: {...req.headers, 'idempotency-key': randomUUID()}})}],
    });
    return [
      {driver: name, route: 'list (GET first page)', result: list},
      {driver: name, route: 'post (POST, unique keys)', result: post},
    ];
  } finally {
    await server.stop();
  }
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
try {
  rows.push(
    ...(await bench(
      'sqlite',
      {storage: 'sqlite', dataDir: dir, databaseUrl: null, pgSchema: 'public', pgPoolSize: 10, dbTimeoutMs: 5000},
      {}
    ))
  );
} finally {
  rmSync(dir, {recursive: true, force: true});
}

const url = await pgUrl();
if (url) {
  const schema = `parley_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pgDir = mkdtempSync(join(tmpdir(), 'parley-bench-pg-'));
  try {
    rows.push(
      ...(await bench(
        'postgres',
        {storage: 'postgres', databaseUrl: url, pgSchema: schema, dataDir: pgDir, pgPoolSize: 10, dbTimeoutMs: 5000},
        {DATABASE_URL: url, PG_SCHEMA: schema}
      ))
    );
  } finally {
    const admin = new pg.Client({connectionString: url});
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    rmSync(pgDir, {recursive: true, force: true});
  }
}

console.log(`\nResults (${COMMENTS} comments in the thread, ${CONNECTIONS} connections, ${SECONDS} s per run, 127.0.0.1):\n`);
const header = ['driver', 'route', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'];
const table = rows.map(({driver, route, result: r}) => [
  driver,
  route,
  r.requests.average.toFixed(0),
  String(r.latency.p50),
  String(r.latency.p99),
  String(r.requests.total),
  String(r.non2xx),
  String(r.errors + r.timeouts),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));

const sqliteList = rows.find((r) => r.driver === 'sqlite' && r.route.startsWith('list'))?.result;
if (sqliteList) {
  const ok = sqliteList.requests.average >= 2000 && sqliteList.latency.p99 < 50;
  console.log(`\nTarget (SQLite list >= 2000 req/s, p99 < 50 ms): ${ok ? 'met' : 'NOT met'}`);
}
const failed = rows.some(({result: r}) => r.non2xx > 0 || r.errors > 0);
if (failed) {
  console.error('Some requests failed (non-2xx or errors): see the table.');
  process.exitCode = 1;
}
