// What the server tests share: a configuration for tests, an app on an in-memory SQLite
// database driven in-process with `app.request()`, a server listening on 127.0.0.1 with
// its log kept, and a small client for the routes.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import pg from 'pg';
import {createApp} from '../src/app.js';
import type {ParleyApp} from '../src/app.js';
import {loadConfig} from '../src/config.js';
import type {Config} from '../src/config.js';
import {collectEvents} from '../src/conformance/sse.js';
import {createLog, quietLog} from '../src/log.js';
import type {Log} from '../src/log.js';
import {openSqlite} from '../src/storage/sqlite.js';
import type {CreateInput, Storage} from '../src/storage/index.js';
import {startServer} from '../src/server.js';
import {logRecord} from './spawn.js';
import type {LogRecord} from './spawn.js';

export const BODY = 'A comment for the reference backend tests, long enough to pass.';
export const enc = encodeURIComponent;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const thread = (label: string) => `server-test/${label}/${randomUUID()}`;

/** A post's answer as lists show it: without the secret. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const listed = ({secret, ...comment}: any) => comment;
/** A post's answer as the event stream carries it: without the secret, and without `liked` (one stream for every reader). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const streamed = ({secret, liked, ...comment}: any) => comment;
/** A page without its `features` and `lastEventId`. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const plainPage = ({features, lastEventId, ...page}: any) => page;

/** The configuration `env` gives (rate limits off unless it says otherwise). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({argv: [], env: {RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0', ...env}});
}

/** Sends a request: `fetch` for a server on a socket, `app.request` in-process. */
export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** An answer, read. */
export interface Answer {
  status: number;
  headers: Headers;
  // Tests read whatever field they check.
  json: any;
  text: string;
}

/** A client for the API at `base` (e.g. `http://127.0.0.1:8787/api/v1`, or `/api/v1` in-process). */
export function client(send: Fetcher, base: string) {
  async function call(
    method: string,
    path: string,
    {headers = {}, body}: {headers?: Record<string, string>; body?: unknown} = {}
  ): Promise<Answer> {
    const res = await send(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : {'Content-Type': 'application/json', ...headers},
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {status: res.status, headers: res.headers, json, text};
  }
  const post = (
    t: string,
    body: unknown = {author: {name: 'Ann', email: 'ann@example.org'}, body: BODY},
    headers: Record<string, string> = {}
  ) => call('POST', `/threads/${enc(t)}/comments`, {headers: {'Idempotency-Key': randomUUID(), ...headers}, body});
  return {
    call,
    post,
    list: (t: string, headers: Record<string, string> = {}) => call('GET', `/threads/${enc(t)}/comments`, {headers}),
    counts: (t: string, headers: Record<string, string> = {}) => call('GET', `/counts?thread=${enc(t)}`, {headers}),
    admin: (method: string, path: string, token: string | null) =>
      call(method, `/admin${path}`, {headers: token ? {Authorization: `Bearer ${token}`} : {}}),
    /** Opens the event stream of `t`; `events` fills as comments arrive. */
    async subscribe(t: string, headers: Record<string, string> = {}, query = '') {
      const ac = new AbortController();
      const res = await send(`${base}/threads/${enc(t)}/events${query}`, {headers, signal: ac.signal});
      assert.equal(res.status, 200);
      const stream = collectEvents(res);
      return {
        ...stream,
        received: () => stream.events.filter((e) => e.event === 'comment').map((e) => JSON.parse(e.data) as {id: string}),
        close: () => ac.abort(),
      };
    },
  };
}

/** Polls `check` until it is true. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The app on an in-memory SQLite database, driven with `app.request()`. */
export function inProcess(
  env: Record<string, string> = {},
  {log = quietLog, storage, now}: {log?: Log; storage?: Storage; now?: () => number} = {}
) {
  const config = testConfig(env);
  const store = storage ?? openSqlite({dataDir: ':memory:'});
  const parley: ParleyApp = createApp({config, storage: store, log, now});
  // No socket: the bindings are empty, as under any fetch-based runtime.
  const send: Fetcher = async (url, init) => parley.app.request(url, init, {});
  return {
    ...client(send, config.basePath),
    config,
    storage: store,
    parley,
    send,
    async close() {
      parley.hub.closeAll();
      parley.dispose();
      await store.close();
    },
  };
}

const PG_URL = process.env.PARLEY_TEST_PG_URL;

/**
 * The databases a test runs on: SQLite (in memory) always, PostgreSQL (a schema of its
 * own, dropped by `cleanup`) when PARLEY_TEST_PG_URL is set.
 */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  skip: string | false;
  /** The settings of a fresh database, and how to remove it. */
  env: () => {env: Record<string, string>; cleanup: () => Promise<void>};
}

export const databases: TestDatabase[] = [
  {name: 'sqlite', skip: false, env: () => ({env: {DATA_DIR: ':memory:'}, cleanup: async () => {}})},
  {
    name: 'postgres',
    skip: PG_URL ? false : 'PARLEY_TEST_PG_URL is not set',
    env() {
      const schema = `parley_http_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      return {
        env: {DATABASE_URL: PG_URL!, PG_SCHEMA: schema},
        cleanup: async () => {
          const admin = new pg.Client({connectionString: PG_URL});
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

/**
 * parley-server listening on 127.0.0.1 (a free port; an in-memory SQLite database unless
 * `env` names another), as a deployment runs it, with every line of its log kept.
 */
export async function listening(env: Record<string, string> = {}) {
  const config = testConfig({PORT: '0', DATA_DIR: ':memory:', ...env});
  const lines: string[] = [];
  const server = await startServer(config, {log: createLog(config.logLevel, (line) => lines.push(line), config.logFormat)});
  const base = `${server.url}${config.basePath}`;
  return {
    ...client(fetch, base),
    server,
    config,
    base,
    /** Every line of its log so far. */
    lines,
    /** Those lines, read (LOG_FORMAT=json). */
    records: (): LogRecord[] => lines.map(logRecord).filter((r) => r !== null),
    close: () => server.close(),
  };
}

/** What `storage.create()` takes for a comment in `thread` by Ann, published, with a new key; `extra` changes any of it. */
export function storageInput(thread: string, extra: Partial<CreateInput> = {}): CreateInput {
  const key = extra.key ?? randomUUID();
  return {
    key,
    fingerprint: extra.fingerprint ?? `fp:${key}`,
    thread,
    parentId: null,
    name: 'Ann',
    email: null,
    body: BODY,
    status: 'published',
    authorHash: null,
    authorToken: null,
    secret: null,
    secretHash: null,
    ...extra,
  };
}
