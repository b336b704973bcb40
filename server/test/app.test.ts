// The reference backend's behaviours beyond contract v1, in-process (`app.request()`):
// moderation and the author token, the admin API, the honeypot, CORS, security headers,
// the body cap, the length limits at their edge, rate limits, the health route and
// configuration errors.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {randomUUID} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {DEFAULT_MAX_LENGTH, MAX_NAME_LENGTH} from 'parley-contract';
import {schemaErrors} from '../src/conformance/openapi.js';
import {ConfigError, SETTINGS, loadConfig, usage} from '../src/config.js';
import {LogSummary, quietLog} from '../src/log.js';
import {LATEST_VERSION} from '../src/storage/migrations.js';
import {openSqlite} from '../src/storage/sqlite.js';
import {BODY, enc, inProcess, listed, plainPage, sleep, streamed, thread, until} from './helpers.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const ORIGIN = 'https://news.example';

describe('moderation, author token, admin API, honeypot, CORS and body cap', () => {
  let api: ReturnType<typeof inProcess>;
  before(() => {
    api = inProcess({
      MODERATION: 'pending',
      ADMIN_TOKEN,
      CORS_ORIGINS: `${ORIGIN}, https://other.example`,
      MAX_BODY_BYTES: '4096',
    });
  });
  after(() => api.close());

  it('a pending comment is listed and counted to its author (X-Parley-Author) only', async () => {
    const t = thread('pending');
    const res = await api.post(t);
    assert.equal(res.status, 201);
    assert.equal(res.json.status, 'pending');
    assert.equal(schemaErrors('Comment', res.json), null);
    const token = res.headers.get('x-parley-author')!;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    assert.deepEqual(plainPage((await api.list(t)).json), {comments: [], nextCursor: null, total: 0});
    const own = await api.list(t, {'X-Parley-Author': token});
    assert.deepEqual(own.json.comments, [listed(res.json)]);
    assert.equal(own.json.total, 1);
    const stranger = await api.list(t, {'X-Parley-Author': 'A'.repeat(43)});
    assert.equal(stranger.json.total, 0);
    assert.deepEqual((await api.counts(t)).json, {counts: {[t]: 0}});
    // Its author's article list counts it, as their page's total does (a thread with no published comment yet).
    assert.deepEqual((await api.counts(t, {'X-Parley-Author': token})).json, {counts: {[t]: 1}});
    assert.deepEqual((await api.counts(t, {'X-Parley-Author': 'A'.repeat(43)})).json, {counts: {[t]: 0}});

    // The token is kept across posts, and handed back on a replay even without it.
    const key = randomUUID();
    const second = await api.post(t, undefined, {'X-Parley-Author': token, 'Idempotency-Key': key});
    assert.equal(second.headers.get('x-parley-author'), token);
    const replay = await api.post(t, undefined, {'Idempotency-Key': key});
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.headers.get('x-parley-author'), token);
    assert.equal((await api.list(t, {'X-Parley-Author': token})).json.total, 2);
  });

  it('admin API: bearer token required; list pending with e-mail, approve (live event), delete with replies', async () => {
    const t = thread('admin');
    const stream = await api.subscribe(t);
    try {
      const made = await api.post(t);
      const token = made.headers.get('x-parley-author')!;
      const reply = await api.post(t, {author: {name: 'Ann'}, body: BODY, parentId: made.json.id}, {'X-Parley-Author': token});
      assert.equal(reply.status, 201);
      await sleep(100);
      assert.deepEqual(stream.received(), [], 'pending comments are not streamed');

      const none = await api.admin('GET', '/comments', null);
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate')!, /^Bearer/);
      assert.equal(none.json.error.code, 'invalid');
      assert.equal((await api.admin('GET', '/comments', 'wrong-token-wrong-token')).status, 401);
      assert.equal((await api.admin('POST', `/comments/${made.json.id}/approve`, 'x')).status, 401);
      assert.equal((await api.call('GET', '/admin/comments', {headers: {Authorization: `Basic ${ADMIN_TOKEN}`}})).status, 401);

      const queue = await api.admin('GET', `/comments?status=pending&thread=${enc(t)}`, ADMIN_TOKEN);
      assert.equal(queue.status, 200);
      assert.equal(schemaErrors('AdminPage', queue.json), null);
      assert.deepEqual(
        queue.json.comments.map((c: {id: string}) => c.id),
        [made.json.id, reply.json.id]
      );
      assert.equal(queue.json.comments[0].author.email, 'ann@example.org');

      const approved = await api.admin('POST', `/comments/${made.json.id}/approve`, ADMIN_TOKEN);
      assert.equal(approved.status, 200);
      assert.equal(approved.json.status, 'published');
      await until(() => stream.received().length === 1, 'the approved comment on the event stream');
      assert.deepEqual(stream.received()[0], {...streamed(made.json), status: 'published'});
      assert.equal((await api.list(t)).json.total, 1);
      assert.deepEqual((await api.counts(t)).json.counts[t], 1);
      assert.equal((await api.admin('POST', '/comments/no-such-id/approve', ADMIN_TOKEN)).status, 404);

      const deleted = await api.admin('DELETE', `/comments/${made.json.id}`, ADMIN_TOKEN);
      assert.deepEqual(deleted.json, {deleted: 2});
      assert.equal((await api.list(t, {'X-Parley-Author': token})).json.total, 0);
      assert.deepEqual((await api.counts(t)).json.counts[t], 0);
      assert.equal((await api.admin('DELETE', `/comments/${made.json.id}`, ADMIN_TOKEN)).status, 404);
    } finally {
      stream.close();
    }
  });

  it('honeypot: a filled-in `website` gets a normal-looking 201, and nothing is stored', async () => {
    const t = thread('honeypot');
    const res = await api.post(t, {author: {name: 'Bot'}, body: BODY, website: 'https://spam.example'});
    assert.equal(res.status, 201);
    assert.equal(schemaErrors('Comment', res.json), null);
    assert.equal(res.json.threadId, t);
    assert.match(res.headers.get('x-parley-author')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await api.list(t, {'X-Parley-Author': res.headers.get('x-parley-author')!})).json.total, 0);
    const queue = await api.admin('GET', `/comments?thread=${enc(t)}`, ADMIN_TOKEN);
    assert.deepEqual(queue.json.comments, []);
    // An empty website is what the widget sends (or nothing at all): a normal comment.
    assert.equal((await api.post(t, {author: {name: 'Ann'}, body: BODY, website: ''})).json.status, 'pending');
  });

  it('CORS: listed origins may call and read the headers; others get no CORS headers; preflights', async () => {
    const t = thread('cors');
    const ok = await api.call('GET', `/threads/${enc(t)}/comments`, {headers: {Origin: ORIGIN}});
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(ok.headers.get('access-control-expose-headers')!, /Retry-After/);
    assert.match(ok.headers.get('access-control-expose-headers')!, /X-Parley-Author/);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const other = await api.call('GET', `/threads/${enc(t)}/comments`, {headers: {Origin: 'https://evil.example'}});
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    // An error answer to a listed origin can be read too (the widget needs Retry-After of a 429).
    const refused = await api.call('GET', `/threads/${enc(t)}/comments?limit=0`, {headers: {Origin: ORIGIN}});
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('access-control-allow-origin'), ORIGIN);

    const preflight = await api.call('OPTIONS', `/threads/${enc(t)}/comments`, {
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Idempotency-Key/);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
    // An edit, a deletion, a like: their methods and the secret's header are allowed.
    const edit = await api.call('OPTIONS', `/threads/${enc(t)}/comments/some-id`, {
      headers: {Origin: ORIGIN, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'x-parley-secret'},
    });
    assert.equal(edit.status, 204);
    assert.match(edit.headers.get('access-control-allow-headers')!, /X-Parley-Secret/);
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      assert.match(edit.headers.get('access-control-allow-methods')!, new RegExp(`\\b${method}\\b`));
    const foreign = await api.call('OPTIONS', `/threads/${enc(t)}/comments`, {
      headers: {Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST'},
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  it('API answers are never cached and never framed, sniffed or run as a page', async () => {
    const res = await api.list(thread('headers'));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.match(res.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('strict-transport-security'), null, 'HSTS is the TLS proxy’s to set');
  });

  it('body cap: larger than MAX_BODY_BYTES is 413 too_long, with or without Content-Length', async () => {
    const t = thread('cap');
    const big = JSON.stringify({author: {name: 'Ann'}, body: 'x'.repeat(4100)});
    const res = await api.post(t, big);
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'too_long');
    // Streamed, so the server only finds out while reading.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 500) controller.enqueue(new TextEncoder().encode(big.slice(i, i + 500)));
        controller.close();
      },
    });
    const streamed = await api.send(`/api/v1/threads/${enc(t)}/comments`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': randomUUID()},
      body: chunks,
      duplex: 'half',
    });
    assert.equal(streamed.status, 413);
    assert.equal((await api.admin('GET', `/comments?thread=${enc(t)}`, ADMIN_TOKEN)).json.comments.length, 0);
  });
});

describe('length limits, at the limit', () => {
  // The default configuration: MAX_LENGTH is the contract's default maximum.
  let api: ReturnType<typeof inProcess>;
  before(() => {
    api = inProcess();
  });
  after(() => api.close());
  const post = (body: string, name = 'Ann') => api.post(thread('limits'), {author: {name}, body});

  it('a body of exactly MAX_LENGTH characters is accepted; one more is refused', async () => {
    assert.equal(api.config.maxLength, DEFAULT_MAX_LENGTH);
    const plain = 'x'.repeat(DEFAULT_MAX_LENGTH);
    const res = await post(plain);
    assert.equal(res.status, 201);
    assert.equal(res.json.body, plain);
    // Characters, not code units: 👍🏽 is one (4 UTF-16 units), e + ◌́ is one (stored as é).
    const mixed = `${'👍🏽'.repeat(DEFAULT_MAX_LENGTH / 2)}${'e\u0301'.repeat(DEFAULT_MAX_LENGTH / 2)}`;
    const wide = await post(mixed);
    assert.equal(wide.status, 201);
    assert.equal(wide.json.body, mixed.normalize('NFC'));
    const over = await post(`${plain}x`);
    assert.deepEqual([over.status, over.json.error.code, over.json.error.field], [422, 'too_long', 'body']);
  });

  it('a name of exactly MAX_NAME_LENGTH characters is accepted; one more is refused', async () => {
    for (const name of ['n'.repeat(MAX_NAME_LENGTH), '👍🏽'.repeat(MAX_NAME_LENGTH), 'e\u0301'.repeat(MAX_NAME_LENGTH)]) {
      const res = await post(BODY, name);
      assert.equal(res.status, 201, name);
      assert.equal(res.json.author.name, name.normalize('NFC'));
    }
    const over = await post(BODY, 'n'.repeat(MAX_NAME_LENGTH + 1));
    assert.deepEqual([over.status, over.json.error.code, over.json.error.field], [422, 'too_long', 'author.name']);
  });
});

describe('rate limits', () => {
  let api: ReturnType<typeof inProcess>;
  before(() => {
    api = inProcess({RATE_LIMIT_POSTS: '3', RATE_LIMIT_READS: '5', TRUST_PROXY: '1'});
  });
  after(() => api.close());

  it('posts: the fourth in a minute is 429 rate_limited with Retry-After; another client is not affected', async () => {
    const t = thread('rate');
    const me = {'X-Forwarded-For': '203.0.113.7'};
    for (let i = 0; i < 3; i++) assert.equal((await api.post(t, undefined, me)).status, 201);
    const limited = await api.post(t, undefined, me);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    assert.equal((await api.post(t, undefined, {'X-Forwarded-For': '198.51.100.1, 203.0.113.8'})).status, 201);
  });

  it('edits and deletions count as posts; likes have a budget of their own, as large', async () => {
    const t = thread('rate-writes');
    const me = {'X-Forwarded-For': '203.0.113.20'};
    const posted = await api.post(t, undefined, me);
    const {id, secret} = posted.json;
    const path = `/threads/${enc(t)}/comments/${id}`;
    const edit = () => api.call('PATCH', path, {headers: {...me, 'X-Parley-Secret': secret}, body: {body: `${BODY} Edited.`}});
    assert.equal((await edit()).status, 200);
    assert.equal((await api.call('DELETE', path, {headers: {...me, 'X-Parley-Secret': 'A'.repeat(43)}})).status, 403);
    const limited = await edit();
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await api.call('DELETE', path, {headers: {...me, 'X-Parley-Secret': secret}})).status, 429);

    const other = (await api.post(t, undefined, {'X-Forwarded-For': '203.0.113.21'})).json.id;
    const reader = {...me, 'X-Parley-Author': 'R'.repeat(43)};
    const like = (method: string) => api.call(method, `/threads/${enc(t)}/comments/${other}/reactions/like`, {headers: reader});
    for (const method of ['PUT', 'DELETE', 'PUT']) assert.equal((await like(method)).status, 200);
    const tooMany = await like('DELETE');
    assert.equal(tooMany.status, 429);
    assert.ok(Number(tooMany.headers.get('retry-after')) >= 1);
  });

  it('reads have their own budget', async () => {
    const t = thread('reads');
    const me = {'X-Forwarded-For': '203.0.113.9'};
    for (let i = 0; i < 5; i++) assert.equal((await api.list(t, me)).status, 200);
    const limited = await api.list(t, me);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});

describe('routes outside the contract', () => {
  let api: ReturnType<typeof inProcess>;
  before(() => {
    api = inProcess({SSE_KEEPALIVE_SECONDS: '1'});
  });
  after(() => api.close());

  it('/livez answers; /readyz and /healthz write to the database and say which storage and schema version', async () => {
    const live = await api.send('/livez');
    assert.equal(live.status, 200);
    assert.deepEqual(await live.json(), {ok: true});
    for (const path of ['/readyz', '/healthz']) {
      const res = await api.send(path);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), {ok: true, storage: 'sqlite', schemaVersion: LATEST_VERSION});
    }
    assert.ok(await api.storage.meta('ready'), 'the readiness probe wrote');
  });

  it('the admin API is off without ADMIN_TOKEN: 404', async () => {
    const res = await api.admin('GET', '/comments', 'whatever-token-it-is');
    assert.equal(res.status, 404);
    assert.match(res.json.error.message, /ADMIN_TOKEN/);
  });

  it('unknown routes are 404 and wrong methods 405 with Allow, in the contract’s error shape', async () => {
    const missing = await api.call('GET', '/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(schemaErrors('Error', missing.json), null);
    const wrong = await api.call('PUT', `/threads/${enc(thread('m'))}/comments`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, HEAD, POST');
    assert.equal((await api.call('DELETE', '/counts')).headers.get('allow'), 'GET, HEAD');
  });

  it('a stream resumed with Last-Event-ID or ?lastEventId= first sends what it missed', async () => {
    const t = thread('resume');
    const first = await api.subscribe(t);
    const a = await api.post(t);
    await until(() => first.events.some((e) => e.event === 'comment'), 'the first comment live');
    const seen = first.events.find((e) => e.event === 'comment')!.id!;
    first.close();
    const b = await api.post(t);
    const c = await api.post(t);
    for (const [how, resumed] of [
      ['header', await api.subscribe(t, {'Last-Event-ID': seen})],
      ['query', await api.subscribe(t, {}, `?lastEventId=${seen}`)],
    ] as const) {
      await until(() => resumed.received().length === 2, `the two missed comments (${how})`);
      assert.deepEqual(
        resumed.received().map((x) => x.id),
        [b.json.id, c.json.id],
        how
      );
      resumed.close();
    }
    assert.notEqual(a.json.id, b.json.id);
  });

  it('event streams send keep-alive comments', async () => {
    const stream = await api.subscribe(thread('keepalive'));
    await until(() => stream.comments.includes('keep-alive'), 'a keep-alive comment', 3000);
    stream.close();
  });
});

describe('configuration', () => {
  const load =
    (env: Record<string, string>, argv: string[] = []) =>
    () =>
      loadConfig({argv, env});

  it('--help lists every setting with its default', () => {
    const text = usage();
    for (const name of [
      'PORT',
      'HOST',
      'DATA_DIR',
      'DATABASE_URL',
      'MODERATION',
      'ADMIN_TOKEN',
      'CORS_ORIGINS',
      'RATE_LIMIT_POSTS',
      'MAX_BODY_BYTES',
      '--stop-on-stdin-close',
    ]) {
      assert.match(text, new RegExp(name));
    }
    assert.match(text, /default: 8787/);
    assert.match(text, /default: 127\.0\.0\.1/);
  });

  it('refuses bad settings with a message naming the setting', () => {
    for (const [env, message] of [
      [{MODERATION: 'sometimes'}, /MODERATION must be off or pending/],
      [{ADMIN_TOKEN: 'short'}, /ADMIN_TOKEN must have at least 16 characters/],
      [{CORS_ORIGINS: 'news.example'}, /is not an origin/],
      [{PORT: '99999'}, /PORT must be a whole number/],
      [{STORAGE: 'postgres'}, /needs DATABASE_URL/],
      [{STORAGE: 'mysql'}, /STORAGE must be sqlite or postgres/],
      [{IDEMPOTENCY_TTL_HOURS: '1'}, /IDEMPOTENCY_TTL_HOURS must be a whole number from 24/],
      [{LOG_LEVEL: 'loud'}, /LOG_LEVEL must be debug, info, warn or error/],
      [{MIN_LENGTH: '100', MAX_LENGTH: '50'}, /MIN_LENGTH is larger than MAX_LENGTH/],
      [{BASE_PATH: '/api v1'}, /BASE_PATH/],
      [{HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000'}, /HEADERS_TIMEOUT_MS is larger than REQUEST_TIMEOUT_MS/],
      [{HEADERS_TIMEOUT_MS: '0'}, /HEADERS_TIMEOUT_MS must be a whole number from 100/],
    ] as const) {
      assert.throws(load(env), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(env));
    }
    assert.throws(load({}, ['--port', '99999']), /PORT must be a whole number/);
    assert.throws(load({}, ['--colour', 'blue']), /--help/);
  });

  it('README.md documents every setting, with its flag and default', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const s of Object.values(SETTINGS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${s.env}\` |`));
      assert.ok(row, `README.md has no row for ${s.env}`);
      assert.ok(row.includes(s.flag ? `\`--${s.flag}\`` : '| – |'), `README.md: the flag of ${s.env}`);
      if (s.default) assert.ok(row.includes(`\`${s.default}\``), `README.md: the default of ${s.env}`);
    }
  });

  it('a flag wins over its environment variable; defaults are safe', () => {
    const config = loadConfig({argv: ['--port', '9000'], env: {PORT: '8000'}});
    assert.equal(config.port, 9000);
    const defaults = loadConfig({argv: [], env: {}});
    assert.equal(defaults.host, '127.0.0.1');
    assert.deepEqual(defaults.corsOrigins, []);
    assert.equal(defaults.adminToken, null);
    assert.equal(defaults.storage, 'sqlite');
    assert.equal(loadConfig({argv: [], env: {DATABASE_URL: 'postgres://x@127.0.0.1/db'}}).storage, 'postgres');
  });
});

describe('a database that cannot be written', () => {
  it('SQLite locked by another process: 503 with Retry-After, /readyz fails and /livez does not; then all is well again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-locked-'));
    const storage = openSqlite({dataDir: dir, timeoutMs: 200});
    const lines: string[] = [];
    const log = {...quietLog, warn: (line: string) => lines.push(line)};
    const api = inProcess({}, {storage, log});
    // Another process's write transaction: SQLite lets one writer at a time.
    const other = new Database(join(dir, 'parley.sqlite'));
    try {
      const t = thread('locked');
      other.exec('BEGIN IMMEDIATE');
      const refused = await api.post(t);
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.equal(refused.json.error.code, 'server');
      assert.equal((await api.send('/readyz')).status, 503);
      const health = await api.send('/healthz');
      assert.equal(health.status, 503);
      assert.match(((await health.json()) as {error: string}).error, /locked|busy/i);
      assert.equal((await api.send('/livez')).status, 200);
      assert.equal((await api.list(t)).status, 200, 'readers are still served');
      for (let i = 0; i < 3; i++) assert.equal((await api.post(t)).status, 503);
      assert.equal(lines.filter((l) => l.includes('database unavailable')).length, 1, 'one line, not one per request');
      assert.ok(
        lines.some((l) => l.includes('database unavailable')),
        lines.join('\n')
      );
      other.exec('COMMIT');
      assert.equal((await api.post(t)).status, 201);
      assert.equal((await api.send('/readyz')).status, 200);
    } finally {
      other.close();
      await api.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('log summaries', () => {
  it('the first event at once, then at most one line per window with the count and the clients', async () => {
    const lines: {at: number; message: string; fields?: Record<string, unknown>}[] = [];
    const summary = new LogSummary((message, fields) => lines.push({at: Date.now(), message, fields}), 'refused', 200);
    let events = 0;
    const started = Date.now();
    while (Date.now() - started < 700) {
      summary.add('203.0.113.7');
      summary.add('198.51.100.2');
      events += 2;
      await sleep(10);
    }
    // Two windows later the last summary is out, and the next window found nothing.
    await sleep(450);
    assert.match(lines[0].message, /^refused from 203\.0\.113\.7; more are summed up every 0\.2 s$/);
    assert.ok(lines.length >= 4 && lines.length <= 6, `${lines.length} lines`);
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i].at - lines[i - 1].at >= 190, `line ${i} too soon`);
    assert.match(lines[1].message, /^refused: \d+ more in the last 0\.2 s, from 198\.51\.100\.2 ×\d+, 203\.0\.113\.7 ×\d+$/);
    assert.equal(1 + lines.slice(1).reduce((n, l) => n + Number(l.fields?.count), 0), events, 'every event counted once');
    // After a quiet window, the next event is said at once again.
    const before = lines.length;
    summary.add('192.0.2.1');
    assert.equal(lines.length, before + 1);
    assert.match(lines.at(-1)!.message, /^refused from 192\.0\.2\.1/);
    summary.close();
  });
});
