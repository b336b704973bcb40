// The REST contract v1 conformance suite (src/conformance) against fresh servers listening
// on 127.0.0.1: SQLite always, PostgreSQL when PARLEY_TEST_PG_URL is set.
import {randomUUID} from 'node:crypto';
import {createServer} from 'node:http';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after} from 'node:test';
import pg from 'pg';
import {defineConformance} from '../src/conformance/suite.js';
import {quietLog} from '../src/log.js';
import {startServer} from '../src/server.js';
import type {RunningServer} from '../src/server.js';
import {storageInput, testConfig} from './helpers.js';

const ADMIN_TOKEN = 'conformance-admin-token-0123';
/** Closing by a moderator and by age: ADMIN_TOKEN and AUTO_CLOSE_DAYS on every server here. */
const CLOSING = {ADMIN_TOKEN, AUTO_CLOSE_DAYS: '30'};

/** Two closed threads on `server`: one a moderator closed, one whose first comment is 40 days old. */
async function closedThreads(server: RunningServer): Promise<string[]> {
  const byModerator = `conformance/closed/${randomUUID()}`;
  const byAge = `conformance/aged/${randomUUID()}`;
  for (const [thread, createdAt] of [
    [byModerator, new Date().toISOString()],
    [byAge, new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString()],
  ] as const) {
    await server.storage.create(storageInput(thread, {name: 'Before', createdAt}));
  }
  const res = await fetch(`${server.url}/api/v1/admin/threads/close`, {
    method: 'POST',
    headers: {Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json'},
    body: JSON.stringify({thread: byModerator}),
  });
  if (res.status !== 200) throw new Error(`close: ${res.status}`);
  return [byModerator, byAge];
}

// A short edit window on SQLite, so that the suite waits one out; PostgreSQL keeps the default.
const sqlite = await startServer(testConfig({PORT: '0', DATA_DIR: ':memory:', EDIT_WINDOW_SECONDS: '2', ...CLOSING}), {
  log: quietLog,
});
after(() => sqlite.close());
const closedOnSqlite = await closedThreads(sqlite);
defineConformance(`${sqlite.url}/api/v1`, {closedThreads: closedOnSqlite});

// A v1 backend: the same server behind a proxy that takes out of every answer what
// contract v1 does not have (features, secrets, likes, edits): the suite's v1 part must
// pass, and what the page does not list is skipped.
const V1_ONLY = new Set(['features', 'secret', 'likes', 'liked', 'editedAt', 'deleted']);
const v1 = createServer((req, res) => void relay(req, res));

async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host')
  ) as Record<string, string>;
  const upstream = await fetch(`${sqlite.url}${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
  const type = upstream.headers.get('content-type') ?? '';
  const out: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
  });
  res.writeHead(upstream.status, out);
  const strip = (json: string) => JSON.stringify(JSON.parse(json, (k, v: unknown) => (V1_ONLY.has(k) ? undefined : v)));
  if (type.startsWith('text/event-stream')) {
    // Line by line: each `data:` line stripped the same way.
    let rest = '';
    for await (const chunk of upstream.body ?? []) {
      const lines = (rest + Buffer.from(chunk as Uint8Array).toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      res.write(lines.map((l) => (l.startsWith('data: ') ? `data: ${strip(l.slice(6))}` : l)).join('\n') + '\n');
    }
    res.end();
    return;
  }
  if (!type.startsWith('application/json')) {
    res.end(Buffer.from(await upstream.arrayBuffer()));
    return;
  }
  const text = await upstream.text();
  res.end(text ? strip(text) : text);
}
await new Promise<void>((resolve) => v1.listen(0, '127.0.0.1', resolve));
after(() => {
  v1.closeAllConnections();
  v1.close();
});
defineConformance(`http://127.0.0.1:${(v1.address() as AddressInfo).port}/api/v1`, {closedThreads: closedOnSqlite});

const PG_URL = process.env.PARLEY_TEST_PG_URL;
if (PG_URL) {
  const schema = `parley_conf_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const postgres = await startServer(testConfig({PORT: '0', DATABASE_URL: PG_URL, PG_SCHEMA: schema, ...CLOSING}), {
    log: quietLog,
  });
  after(async () => {
    await postgres.close();
    const admin = new pg.Client({connectionString: PG_URL});
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  defineConformance(`${postgres.url}/api/v1`, {closedThreads: await closedThreads(postgres)});
}
