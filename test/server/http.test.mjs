// What the reference backend does beyond contract v1, through real server processes:
// moderation and the author token, the admin API, the honeypot, CORS, the body cap, rate
// limits, the demo mode, data surviving a restart, graceful shutdown, configuration errors.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {request} from 'node:http';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {schemaErrors} from '../conformance/openapi.mjs';
import {MAIN, startBackend} from './spawn.mjs';

const BODY = 'A comment for the reference backend tests, long enough to pass.';
const ADMIN_TOKEN = 'test-admin-token-0123456789';
const ORIGIN = 'https://news.example';
const enc = encodeURIComponent;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const thread = (label) => `http-test/${label}/${randomUUID()}`;

async function call(base, method, path, {headers = {}, body} = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : {'Content-Type': 'application/json', ...headers},
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {status: res.status, headers: res.headers, json, text};
}

const post = (base, t, body = {author: {name: 'Ann', email: 'ann@example.org'}, body: BODY}, headers = {}) =>
  call(base, 'POST', `/threads/${enc(t)}/comments`, {headers: {'Idempotency-Key': randomUUID(), ...headers}, body});
const list = (base, t, headers = {}) => call(base, 'GET', `/threads/${enc(t)}/comments`, {headers});
const counts = (base, t) => call(base, 'GET', `/counts?thread=${enc(t)}`);
const admin = (base, method, path, token = ADMIN_TOKEN) =>
  call(base, method, `/admin${path}`, {headers: token ? {Authorization: `Bearer ${token}`} : {}});

/** Opens an event stream; `events` fills as comments arrive. */
async function subscribe(base, t) {
  const ac = new AbortController();
  const res = await fetch(`${base}/threads/${enc(t)}/events`, {signal: ac.signal});
  assert.equal(res.status, 200);
  const events = [];
  const raw = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const {done: end, value} = await reader.read();
      if (end) return 'ended';
      raw.push(value);
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event === 'comment') events.push(JSON.parse(data));
      }
    }
  })().catch((e) => (e.name === 'AbortError' ? 'aborted' : Promise.reject(e)));
  return {events, raw, done, close: () => ac.abort()};
}

async function until(check, what, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('moderation, author token, admin API, honeypot, CORS and body cap', () => {
  let server;
  let api;
  before(async () => {
    server = await startBackend({
      env: {
        MODERATION: 'pending',
        ADMIN_TOKEN,
        CORS_ORIGINS: `${ORIGIN}, https://other.example`,
        MAX_BODY_BYTES: '4096',
        RATE_LIMIT_POSTS: '0',
        RATE_LIMIT_READS: '0',
        SSE_KEEPALIVE_SECONDS: '1',
      },
    });
    api = server.api;
  });
  after(() => server.stop());

  it('a pending comment is listed to its author (X-Parley-Author) only, and is not counted', async () => {
    const t = thread('pending');
    const res = await post(api, t);
    assert.equal(res.status, 201);
    assert.equal(res.json.status, 'pending');
    assert.equal(schemaErrors('Comment', res.json), null);
    const token = res.headers.get('x-parley-author');
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    assert.deepEqual((await list(api, t)).json, {comments: [], nextCursor: null, total: 0});
    const own = await list(api, t, {'X-Parley-Author': token});
    assert.deepEqual(own.json.comments, [res.json]);
    assert.equal(own.json.total, 1);
    const stranger = await list(api, t, {'X-Parley-Author': 'A'.repeat(43)});
    assert.equal(stranger.json.total, 0);
    assert.deepEqual((await counts(api, t)).json, {counts: {[t]: 0}});

    // The token is kept across posts, and handed back on a replay even without it.
    const key = randomUUID();
    const second = await post(api, t, undefined, {'X-Parley-Author': token, 'Idempotency-Key': key});
    assert.equal(second.headers.get('x-parley-author'), token);
    const replay = await post(api, t, undefined, {'Idempotency-Key': key});
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.headers.get('x-parley-author'), token);
    assert.equal((await list(api, t, {'X-Parley-Author': token})).json.total, 2);
  });

  it('admin API: bearer token required; list pending with e-mail, approve (live event), delete with replies', async () => {
    const t = thread('admin');
    const stream = await subscribe(api, t);
    try {
      const made = await post(api, t);
      const token = made.headers.get('x-parley-author');
      const reply = await post(api, t, {author: {name: 'Ann'}, body: BODY, parentId: made.json.id}, {'X-Parley-Author': token});
      assert.equal(reply.status, 201);
      await sleep(200);
      assert.deepEqual(stream.events, [], 'pending comments are not streamed');

      const none = await admin(api, 'GET', '/comments', null);
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate'), /^Bearer/);
      assert.equal((await admin(api, 'GET', '/comments', 'wrong-token-wrong-token')).status, 401);
      assert.equal((await admin(api, 'POST', `/comments/${made.json.id}/approve`, 'x')).status, 401);

      const queue = await admin(api, 'GET', `/comments?status=pending&thread=${enc(t)}`);
      assert.equal(queue.status, 200);
      assert.equal(schemaErrors('AdminPage', queue.json), null);
      assert.deepEqual(queue.json.comments.map((c) => c.id), [made.json.id, reply.json.id]);
      assert.equal(queue.json.comments[0].author.email, 'ann@example.org');

      const approved = await admin(api, 'POST', `/comments/${made.json.id}/approve`);
      assert.equal(approved.status, 200);
      assert.equal(approved.json.status, 'published');
      await until(() => stream.events.length === 1, 'the approved comment on the event stream');
      assert.deepEqual(stream.events[0], {...made.json, status: 'published'});
      assert.equal((await list(api, t)).json.total, 1);
      assert.deepEqual((await counts(api, t)).json.counts[t], 1);
      assert.equal((await admin(api, 'POST', '/comments/no-such-id/approve')).status, 404);

      const deleted = await admin(api, 'DELETE', `/comments/${made.json.id}`);
      assert.deepEqual(deleted.json, {deleted: 2});
      assert.equal((await list(api, t, {'X-Parley-Author': token})).json.total, 0);
      assert.deepEqual((await counts(api, t)).json.counts[t], 0);
      assert.equal((await admin(api, 'DELETE', `/comments/${made.json.id}`)).status, 404);
    } finally {
      stream.close();
    }
  });

  it('honeypot: a filled-in `website` gets a normal-looking 201, and nothing is stored', async () => {
    const t = thread('honeypot');
    const res = await post(api, t, {author: {name: 'Bot'}, body: BODY, website: 'https://spam.example'});
    assert.equal(res.status, 201);
    assert.equal(schemaErrors('Comment', res.json), null);
    assert.equal(res.json.threadId, t);
    assert.match(res.headers.get('x-parley-author'), /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await list(api, t, {'X-Parley-Author': res.headers.get('x-parley-author')})).json.total, 0);
    const queue = await admin(api, 'GET', `/comments?thread=${enc(t)}`);
    assert.deepEqual(queue.json.comments, []);
    // An empty website is what the widget sends (or nothing at all): a normal comment.
    assert.equal((await post(api, t, {author: {name: 'Ann'}, body: BODY, website: ''})).json.status, 'pending');
  });

  it('CORS: listed origins may call and read the headers; others get no CORS headers; preflights', async () => {
    const t = thread('cors');
    const ok = await call(api, 'GET', `/threads/${enc(t)}/comments`, {headers: {Origin: ORIGIN}});
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(ok.headers.get('access-control-expose-headers'), /Retry-After/);
    assert.match(ok.headers.get('access-control-expose-headers'), /X-Parley-Author/);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const other = await call(api, 'GET', `/threads/${enc(t)}/comments`, {headers: {Origin: 'https://evil.example'}});
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    const preflight = await call(api, 'OPTIONS', `/threads/${enc(t)}/comments`, {
      headers: {Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key'},
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Idempotency-Key/);
    assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
    const refused = await call(api, 'OPTIONS', `/threads/${enc(t)}/comments`, {
      headers: {Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST'},
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  it('body cap: larger than MAX_BODY_BYTES is 413 too_long, with or without Content-Length', async () => {
    const t = thread('cap');
    const big = JSON.stringify({author: {name: 'Ann'}, body: 'x'.repeat(4100)});
    const res = await post(api, t, big);
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'too_long');
    // Chunked, so the server only finds out while reading.
    const chunked = await new Promise((resolve, reject) => {
      const url = new URL(`${api}/threads/${enc(t)}/comments`);
      const req = request(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Transfer-Encoding': 'chunked'}}, (r) => {
        let text = '';
        r.on('data', (c) => (text += c)).on('end', () => resolve({status: r.statusCode, text}));
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(big.slice(i * 500, (i + 1) * 500));
      req.end(big.slice(5000));
    });
    assert.equal(chunked.status, 413);
    assert.equal((await admin(api, 'GET', `/comments?thread=${enc(t)}`)).json.comments.length, 0);
  });
});

describe('rate limits', () => {
  let server;
  before(async () => {
    server = await startBackend({env: {RATE_LIMIT_POSTS: '3', RATE_LIMIT_READS: '5', TRUST_PROXY: '1'}});
  });
  after(() => server.stop());

  it('posts: the fourth in a minute is 429 rate_limited with Retry-After; another client is not affected', async () => {
    const t = thread('rate');
    const me = {'X-Forwarded-For': '203.0.113.7'};
    for (let i = 0; i < 3; i++) assert.equal((await post(server.api, t, undefined, me)).status, 201);
    const limited = await post(server.api, t, undefined, me);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    assert.equal((await post(server.api, t, undefined, {'X-Forwarded-For': '198.51.100.1, 203.0.113.8'})).status, 201);
  });

  it('reads have their own budget', async () => {
    const t = thread('reads');
    const me = {'X-Forwarded-For': '203.0.113.9'};
    for (let i = 0; i < 5; i++) assert.equal((await list(server.api, t, me)).status, 200);
    const limited = await list(server.api, t, me);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});

describe('demo mode, restarts and shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-demo-'));
  after(() => rmSync(dataDir, {recursive: true, force: true}));
  const DEMO_THREAD = 'travel/2025/night-trains-return';

  it('serves the demo page and the bundle, seeds the demo thread once, keeps data across restarts', async () => {
    let server = await startBackend({dataDir, args: ['--demo'], env: {RATE_LIMIT_POSTS: '0'}});
    let posted;
    try {
      const root = await fetch(`${server.url}/`, {redirect: 'manual'});
      assert.equal(root.status, 302);
      assert.equal(root.headers.get('location'), '/demo/live.html');
      const page = await fetch(`${server.url}/demo/live.html`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /text\/html/);
      const html = await page.text();
      assert.match(html, /<script\s+src="\/dist\/parley\.js"\s[^>]*data-endpoint="\/api\/v1"[^>]*data-live/);
      const bundle = await fetch(`${server.url}/dist/parley.js`);
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('content-type'), /javascript/);
      await bundle.arrayBuffer();
      for (const path of ['/demo/..%2F..%2Fpackage.json', '/dist/..%2Fpackage.json', '/demo/%2e%2e/package.json', '/package.json']) {
        const r = await fetch(`${server.url}${path}`);
        assert.equal(r.status, 404, path);
        assert.doesNotMatch(await r.text(), /"devDependencies"/);
      }
      const seeded = await list(server.api, DEMO_THREAD);
      assert.equal(seeded.json.total, 6);
      posted = (await post(server.api, DEMO_THREAD)).json;
    } finally {
      assert.deepEqual(await server.stop(), {code: 0, signal: null});
    }

    server = await startBackend({dataDir, args: ['--demo']});
    try {
      const page = await list(server.api, DEMO_THREAD);
      assert.equal(page.json.total, 7, 'seeded once, and the posted comment survived');
      assert.deepEqual(page.json.comments.at(-1), posted);
      assert.ok(!server.lines.some((l) => /migrated/.test(l)), 'no migration on the second start');
      assert.ok(!server.lines.some((l) => /seeded/.test(l)), 'no second seeding');
    } finally {
      await server.stop();
    }
  });

  it('SIGTERM: finishes a request in flight, closes event streams, then exits 0', async () => {
    const server = await startBackend({env: {SHUTDOWN_TIMEOUT_MS: '5000'}, dataDir, args: []});
    const t = thread('shutdown');
    const stream = await subscribe(server.api, t);
    // A POST whose body arrives slowly: still being read when the signal comes.
    const body = JSON.stringify({author: {name: 'Ann'}, body: BODY});
    const url = new URL(`${server.api}/threads/${enc(t)}/comments`);
    const answer = new Promise((resolve, reject) => {
      const req = request(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Content-Length': Buffer.byteLength(body)}}, (r) => {
        let text = '';
        r.on('data', (c) => (text += c)).on('end', () => resolve({status: r.statusCode, text}));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await sleep(150);
    const stopping = server.stop('SIGTERM');
    const res = await answer;
    assert.equal(res.status, 201, res.text);
    assert.equal(await stream.done, 'ended');
    assert.deepEqual(await stopping, {code: 0, signal: null});
    assert.ok(server.lines.some((l) => /SIGTERM: refusing new connections, finishing 1 in-flight requests, closing 1 event streams/.test(l)), server.lines.join('\n'));
    assert.ok(server.lines.some((l) => /INFO  stopped$/.test(l)));
  });

  it('event streams send keep-alive comments', async () => {
    const server = await startBackend({env: {SSE_KEEPALIVE_SECONDS: '1'}});
    try {
      const stream = await subscribe(server.api, thread('keepalive'));
      await until(() => stream.raw.join('').includes(': keep-alive'), 'a keep-alive comment', 3000);
      stream.close();
    } finally {
      await server.stop();
    }
  });
});

describe('configuration', () => {
  // A run that starts a server by mistake is stopped after 10 s (and then fails its test).
  const run = (args, env = {}) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [MAIN, ...args], {env: {...process.env, ...env}});
      let out = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({code: code ?? signal, out});
      });
    });

  it('--help lists every setting with its default', async () => {
    const {code, out} = await run(['--help']);
    assert.equal(code, 0);
    for (const name of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'MODERATION', 'ADMIN_TOKEN', 'CORS_ORIGINS', 'RATE_LIMIT_POSTS', 'MAX_BODY_BYTES', '--demo']) {
      assert.match(out, new RegExp(name));
    }
    assert.match(out, /default: 8787/);
    assert.match(out, /default: 127\.0\.0\.1/);
  });

  it('refuses bad settings with a clear message and exit code 2', async () => {
    for (const [env, message] of [
      [{MODERATION: 'sometimes'}, /MODERATION must be off or pending/],
      [{ADMIN_TOKEN: 'short'}, /ADMIN_TOKEN must have at least 16 characters/],
      [{CORS_ORIGINS: 'news.example'}, /is not an origin/],
      [{PORT: '99999'}, /PORT must be a whole number/],
      [{STORAGE: 'postgres'}, /needs DATABASE_URL/],
      [{IDEMPOTENCY_TTL_HOURS: '1'}, /IDEMPOTENCY_TTL_HOURS must be a whole number from 24/],
    ]) {
      const {code, out} = await run(['--host', '127.0.0.1'], env);
      assert.equal(code, 2, out);
      assert.match(out, message);
    }
    const flag = await run(['--port', '99999']);
    assert.equal(flag.code, 2);
    assert.match(flag.out, /PORT must be a whole number/);
    const unknown = await run(['--colour', 'blue']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.out, /--help/);
  });
});
