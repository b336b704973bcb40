// What only a server on a socket shows, met the way an operator or a client meets it: real
// HTTP (and raw sockets where a client misbehaves) to parley-server listening on 127.0.0.1,
// with its log read back.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {request} from 'node:http';
import {connect} from 'node:net';
import type {Socket} from 'node:net';
import {describe, it} from 'node:test';
import {schemaErrors} from '../src/conformance/openapi.js';
import {BODY, databases, enc, listening, plainPage, sleep, thread, until} from './helpers.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** A raw TCP connection to `url`'s host and port (from `localAddress`, when given). */
async function rawSocket(url: string, localAddress?: string): Promise<Socket> {
  const {hostname, port} = new URL(url);
  const socket = connect({host: hostname, port: Number(port), localAddress});
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('logs and request ids', () => {
  it('one JSON object per line; at debug a line per request with its id, method, path, status and time', async () => {
    const api = await listening({LOG_LEVEL: 'debug'});
    try {
      const t = thread('log');
      const res = await api.list(t);
      assert.equal(res.status, 200);
      const id = res.headers.get('x-request-id');
      assert.match(id ?? '', UUID);
      await api.close();
      for (const line of api.lines) {
        const record = JSON.parse(line) as Record<string, unknown>;
        assert.match(String(record.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, line);
        assert.ok(['debug', 'info', 'warn', 'error'].includes(String(record.level)), line);
        assert.equal(typeof record.msg, 'string', line);
      }
      const request = api.records().find((r) => r.reqId === id);
      assert.ok(request, api.lines.join('\n'));
      assert.equal(request.level, 'debug');
      assert.equal(request.method, 'GET');
      assert.equal(request.path, `/api/v1/threads/${encodeURIComponent(t)}/comments`);
      assert.equal(request.status, 200);
      assert.equal(typeof request.ms, 'number');
      assert.equal(request.client, '127.0.0.1');
      const up = api.records().find((r) => r.msg.startsWith('listening on'));
      assert.equal(up?.url, api.server.url);
      assert.ok(api.records().some((r) => r.msg === 'stopped'));
    } finally {
      await api.close();
    }
  });

  it('a sane X-Request-Id from the client (or its proxy) is kept and answered; any other is replaced', async () => {
    const api = await listening();
    try {
      const t = thread('reqid');
      const kept = await api.list(t, {'X-Request-Id': 'edge-7f3a_01='});
      assert.equal(kept.headers.get('x-request-id'), 'edge-7f3a_01=');
      for (const insane of ['a'.repeat(129), 'two words', 'semi;colon', '"quoted"']) {
        const res = await api.list(t, {'X-Request-Id': insane});
        assert.match(res.headers.get('x-request-id') ?? '', UUID, insane);
      }
      // Error answers (a 404, a 400) carry theirs too.
      assert.match((await api.call('GET', '/nothing-here')).headers.get('x-request-id') ?? '', UUID);
      const bad = await api.call('GET', `/threads/${encodeURIComponent(t)}/comments?limit=0`, {
        headers: {'X-Request-Id': 'r-400'},
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('x-request-id'), 'r-400');
    } finally {
      await api.close();
    }
  });

  it('a failed request is one error line with its request id and the stack', async () => {
    const api = await listening();
    try {
      // The database goes away under the running server.
      await api.server.storage.close();
      const res = await api.list(thread('gone'));
      assert.equal(res.status, 500);
      assert.equal(res.json.error.code, 'server');
      const id = res.headers.get('x-request-id');
      const errors = api.records().filter((r) => r.level === 'error');
      assert.equal(errors.length, 1, api.lines.join('\n'));
      assert.equal(errors[0].reqId, id);
      assert.equal(errors[0].method, 'GET');
      assert.match(String(errors[0].err), /not open[\s\S]*\n\s+at /);
      assert.equal(api.lines.filter((l) => l.includes(id!)).length, 1);
    } finally {
      await api.close();
    }
  });

  it('LOG_FORMAT=text writes plain lines for a terminal', async () => {
    const api = await listening({LOG_FORMAT: 'text'});
    await api.close();
    assert.ok(
      api.lines.some((l) =>
        /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}listening on http:\/\/127\.0\.0\.1:\d+ {2}\(API .*\) url=http/.test(l)
      ),
      api.lines.join('\n')
    );
    assert.ok(api.lines.some((l) => / INFO {2}stopped$/.test(l)));
  });
});

describe('query values', () => {
  it('an empty cursor is refused like any malformed one: 400 invalid, field cursor, on lists and the admin queue', async () => {
    const api = await listening({ADMIN_TOKEN});
    try {
      const t = `/threads/${enc(thread('cursor'))}/comments`;
      for (const [path, token] of [
        [`${t}?cursor=`, null],
        [`${t}?sort=newest&cursor=`, null],
        [`${t}?cursor=%20`, null],
        ['/admin/comments?cursor=', ADMIN_TOKEN],
        ['/admin/comments?status=published&cursor=', ADMIN_TOKEN],
      ] as const) {
        const res = await api.call('GET', path, {headers: token ? {Authorization: `Bearer ${token}`} : {}});
        assert.equal(res.status, 400, `${path}: ${res.text}`);
        assert.equal(schemaErrors('Error', res.json), null);
        assert.equal(res.json.error.code, 'invalid', path);
        assert.equal(res.json.error.field, 'cursor', path);
      }
    } finally {
      await api.close();
    }
  });
});

describe('admin API routes', () => {
  it('failed logins are throttled per client (429 with Retry-After, even for the right token) and logged once, then summed up', async () => {
    const api = await listening({ADMIN_TOKEN, TRUST_PROXY: '1'});
    try {
      const as = (client: string, token: string | null) =>
        api.call('GET', '/admin/comments', {
          headers: {'X-Forwarded-For': client, ...(token ? {Authorization: `Bearer ${token}`} : {})},
        });
      const guesser = '203.0.113.7';
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await as(guesser, `wrong-token-${i}-0123456789`)).status);
      assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
      const throttled = await as(guesser, ADMIN_TOKEN);
      assert.equal(throttled.status, 429, 'the right token waits too: guessing gets no answer');
      assert.equal(throttled.json.error.code, 'rate_limited');
      const wait = Number(throttled.headers.get('retry-after'));
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
      // Another client is not affected, and nor is a missing token of its own at first.
      assert.equal((await as('198.51.100.2', ADMIN_TOKEN)).status, 200);
      assert.equal((await as('198.51.100.2', null)).status, 401);

      const refusals = () => api.records().filter((r) => r.msg.startsWith('admin: refused'));
      assert.equal(refusals().length, 1, api.lines.join('\n'));
      assert.equal(refusals()[0].level, 'warn');
      assert.equal(refusals()[0].client, guesser);
      assert.equal(typeof refusals()[0].reqId, 'string');
      // What the window held is summed up in one line (at the latest when the server stops).
      await api.close();
      assert.equal(refusals().length, 2, api.lines.join('\n'));
      const summary = refusals()[1];
      assert.equal(summary.count, 21);
      assert.deepEqual(summary.clients, {[guesser]: 20, '198.51.100.2': 1});
      assert.match(summary.msg, /21 more in the last 60 s, from 203\.0\.113\.7 ×20, 198\.51\.100\.2 ×1/);
    } finally {
      await api.close();
    }
  });

  it('a wrong method is 405 with Allow, in the contract’s error shape; an unknown path stays 404', async () => {
    const api = await listening({ADMIN_TOKEN});
    try {
      for (const [method, path, allow] of [
        ['POST', '/comments', 'GET, HEAD'],
        ['DELETE', '/comments', 'GET, HEAD'],
        ['GET', '/comments/some-id/approve', 'POST'],
        ['DELETE', '/comments/some-id/approve', 'POST'],
        ['GET', '/comments/some-id', 'DELETE'],
        ['PUT', '/comments/some-id', 'DELETE'],
      ] as const) {
        const res = await api.admin(method, path, ADMIN_TOKEN);
        assert.equal(res.status, 405, `${method} ${path}: ${res.text}`);
        assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
        assert.equal(schemaErrors('Error', res.json), null);
      }
      // Without the token nothing is said about which routes exist.
      assert.equal((await api.admin('PUT', '/comments/some-id', null)).status, 401);
      assert.equal((await api.admin('GET', '/nothing/here', ADMIN_TOKEN)).status, 404);
      assert.equal((await api.admin('HEAD', '/comments', ADMIN_TOKEN)).status, 200);
    } finally {
      await api.close();
    }
  });
});

const postgres = databases.find((d) => d.name === 'postgres');

describe('secrets in settings', {skip: postgres?.skip ?? true}, () => {
  it('a password in DATABASE_URL never reaches the log, as user:password@ or as ?password= and the like', async () => {
    const {env, cleanup} = postgres!.env();
    const url = new URL(env.DATABASE_URL);
    const password = decodeURIComponent(url.password);
    assert.ok(password, 'PARLEY_TEST_PG_URL has a password');
    url.password = '';
    url.searchParams.set('password', password);
    url.searchParams.set('sslpassword', 'key-secret-4711');
    url.searchParams.set('application_name', 'parley-test');
    try {
      for (const databaseUrl of [env.DATABASE_URL, url.toString()]) {
        const api = await listening({...env, DATABASE_URL: databaseUrl});
        await api.close();
        const storage = api.records().find((r) => r.msg.startsWith('storage: postgres'));
        assert.ok(storage, api.lines.join('\n'));
        for (const line of api.lines) {
          assert.ok(!line.includes(`password=${password}`) && !line.includes(`:${password}@`), line);
          assert.ok(!line.includes('key-secret-4711'), line);
        }
        assert.match(
          storage.msg,
          databaseUrl.includes('?') ? /\?password=\*\*\*&sslpassword=\*\*\*&application_name=parley-test/ : /:\*\*\*@/
        );
      }
    } finally {
      await cleanup();
    }
  });
});

/** Resolves with what `socket` received and when it closed, or null if it is still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<{received: string; at: number} | null> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({received, at: Date.now()});
    });
  });
}

/** GET `path` from `localAddress` (another address on the loopback network: another client). */
function getFrom(localAddress: string, url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, {localAddress, agent: false}, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/1.1 GET of `path` on a raw socket; resolves with the status line. */
function rawGet(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) resolve(received.slice(0, received.indexOf('\r\n')));
    });
    socket.once('close', () => reject(new Error(`closed without an answer: ${JSON.stringify(received)}`)));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

describe('misbehaving clients', () => {
  it('connections of one client beyond MAX_CONNECTIONS_PER_CLIENT are closed at once; other clients are served', async () => {
    const api = await listening({MAX_CONNECTIONS_PER_CLIENT: '3'});
    const sockets: Socket[] = [];
    try {
      // Three idle connections from 127.0.0.1: its whole allowance.
      for (let i = 0; i < 3; i++) sockets.push(await rawSocket(api.server.url));
      await sleep(50);
      for (let i = 0; i < 3; i++) {
        const extra = await rawSocket(api.server.url);
        sockets.push(extra);
        const end = await closedWithin(extra, 1000);
        assert.ok(end, `connection ${4 + i} of one client still open`);
        assert.equal(end.received, '', 'closed without reading or answering anything');
      }
      // Another client (127.0.0.2 on the loopback network) is served meanwhile.
      assert.equal(await getFrom('127.0.0.2', `${api.server.url}/healthz`), 200);
      // The capped connections themselves still work.
      assert.match(await rawGet(sockets[0], '/healthz'), /^HTTP\/1\.1 200 /);
      // Once one of them closes, the client may connect again.
      const closed = closedWithin(sockets[1], 1000);
      sockets[1].destroy();
      await closed;
      await sleep(50);
      const again = await rawSocket(api.server.url);
      sockets.push(again);
      assert.match(await rawGet(again, '/healthz'), /^HTTP\/1\.1 200 /);

      const refusals = () => api.records().filter((r) => r.msg.startsWith('connections: closed one'));
      assert.equal(refusals().length, 1, api.lines.join('\n'));
      assert.equal(refusals()[0].level, 'warn');
      assert.equal(refusals()[0].client, '127.0.0.1');
      await api.close();
      assert.equal(refusals().length, 2);
      assert.equal(refusals()[1].count, 2);
    } finally {
      for (const s of sockets) s.destroy();
      await api.close();
    }
  });

  it('behind a proxy (TRUST_PROXY) every connection comes from it: no cap', async () => {
    const api = await listening({MAX_CONNECTIONS_PER_CLIENT: '2', TRUST_PROXY: '1'});
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 4; i++) sockets.push(await rawSocket(api.server.url));
      for (const socket of sockets) assert.match(await rawGet(socket, '/healthz'), /^HTTP\/1\.1 200 /);
    } finally {
      for (const s of sockets) s.destroy();
      await api.close();
    }
  });

  it('a client that sends its request a byte at a time (slowloris) is cut off after HEADERS_TIMEOUT_MS or REQUEST_TIMEOUT_MS', async () => {
    const api = await listening({HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000'});
    const sockets: Socket[] = [];
    try {
      const open = async (first: string, drip: string, limit: number) => {
        const socket = await rawSocket(api.server.url);
        sockets.push(socket);
        const closed = closedWithin(socket, limit + 2500);
        socket.write(first);
        const timer = setInterval(() => socket.writable && socket.write(drip), 100);
        socket.once('close', () => clearInterval(timer));
        return {closed, started: Date.now(), limit};
      };
      const cases = [
        // Headers that never end: a header line every 100 ms.
        {what: 'slow headers', ...(await open('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n', 500))},
        // Connected, and nothing sent at all.
        {what: 'silence', ...(await open('', '', 500))},
        // Headers done, then a body of 100 bytes, one every 100 ms.
        {
          what: 'slow body',
          ...(await open(
            `POST /api/v1/threads/${enc(thread('slow'))}/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
              `Idempotency-Key: ${randomUUID()}\r\nContent-Length: 100\r\n\r\n`,
            ' ',
            1000
          )),
        },
      ];
      // Meanwhile everyone else is served.
      assert.equal((await fetch(`${api.server.url}/healthz`)).status, 200);
      for (const {what, limit, closed, started} of cases) {
        const end = await closed;
        assert.ok(end, `${what}: still open after ${limit + 2500} ms`);
        assert.ok(end.at - started >= limit - 50, `${what}: cut after ${end.at - started} ms, before its ${limit} ms`);
        assert.match(end.received, /^HTTP\/1\.1 408 /, what);
      }
    } finally {
      for (const s of sockets) s.destroy();
      await api.close();
    }
  });

  it('a client that goes away mid-body is a 400 logged at debug, not a 500 with a stack', async () => {
    const api = await listening({LOG_LEVEL: 'debug'});
    try {
      const t = thread('abort');
      const head = (id: string, framing: string) =>
        `POST /api/v1/threads/${enc(t)}/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Idempotency-Key: ${id}\r\nX-Request-Id: ${id}\r\n${framing}\r\n\r\n`;
      for (const [id, request] of [
        // Says 1000 bytes, sends 11, then the connection goes.
        ['abort-length', `${head('abort-length', 'Content-Length: 1000')}{"author":{`],
        ['abort-length-at-once', head('abort-length-at-once', 'Content-Length: 1000')],
        // Chunked: one chunk, then the connection goes.
        ['abort-chunked', `${head('abort-chunked', 'Transfer-Encoding: chunked')}b\r\n{"author":{\r\n`],
      ] as const) {
        const socket = await rawSocket(api.server.url);
        socket.write(request);
        await sleep(100);
        socket.destroy();
        await until(() => api.records().some((r) => r.reqId === id && r.msg === 'request'), `the request line of ${id}`);
        const lines = api.records().filter((r) => r.reqId === id);
        assert.equal(lines.find((r) => r.msg === 'request')?.status, 400, JSON.stringify(lines));
        assert.ok(
          lines.some((r) => r.level === 'debug' && r.msg.includes('client went away')),
          JSON.stringify(lines)
        );
      }
      assert.deepEqual(
        api.records().filter((r) => r.level === 'error' || r.level === 'warn'),
        []
      );
      // Nothing was stored, and the server goes on serving.
      const page = await api.list(t);
      assert.equal(page.status, 200);
      assert.equal(page.json.total, 0);
    } finally {
      await api.close();
    }
  });
});

for (const db of databases) {
  describe(`moderation (${db.name})`, {skip: db.skip}, () => {
    it('approving a reply whose parent is pending is 409, and publishes nothing; after the parent it goes', async () => {
      const {env, cleanup} = db.env();
      const api = await listening({...env, MODERATION: 'pending', ADMIN_TOKEN});
      try {
        const t = thread('approve-reply');
        const parent = await api.post(t);
        const token = parent.headers.get('x-parley-author')!;
        // Its author may reply to their own pending comment.
        const reply = await api.post(
          t,
          {author: {name: 'Ann'}, body: BODY, parentId: parent.json.id},
          {'X-Parley-Author': token}
        );
        assert.equal(reply.status, 201, reply.text);
        assert.equal(reply.json.status, 'pending');

        const refused = await api.admin('POST', `/comments/${reply.json.id}/approve`, ADMIN_TOKEN);
        assert.equal(refused.status, 409, refused.text);
        assert.equal(schemaErrors('Error', refused.json), null);
        assert.equal(refused.json.error.code, 'invalid');
        assert.equal(refused.json.error.field, 'parentId');
        assert.match(refused.json.error.message, new RegExp(parent.json.id));
        // No orphan: nothing counted, nothing listed, both still in the queue.
        assert.equal((await api.counts(t)).json.counts[t], 0);
        assert.deepEqual(plainPage((await api.list(t)).json), {comments: [], nextCursor: null, total: 0});
        const queue = await api.admin('GET', `/comments?thread=${enc(t)}`, ADMIN_TOKEN);
        assert.deepEqual(
          queue.json.comments.map((c: {id: string}) => c.id),
          [parent.json.id, reply.json.id]
        );

        assert.equal((await api.admin('POST', `/comments/${parent.json.id}/approve`, ADMIN_TOKEN)).status, 200);
        const approved = await api.admin('POST', `/comments/${reply.json.id}/approve`, ADMIN_TOKEN);
        assert.equal(approved.status, 200, approved.text);
        assert.equal(approved.json.status, 'published');
        const page = await api.list(t);
        assert.deepEqual(
          page.json.comments.map((c: {id: string}) => c.id),
          [parent.json.id, reply.json.id]
        );
        assert.equal(page.json.total, 2);
        assert.equal((await api.counts(t)).json.counts[t], 2);
      } finally {
        await api.close();
        await cleanup();
      }
    });
  });
}

for (const db of databases) {
  describe(`idempotency (${db.name})`, {skip: db.skip}, () => {
    it('replaying the key of a comment the admin deleted is 410, and brings back nothing', async () => {
      const {env, cleanup} = db.env();
      const api = await listening({...env, ADMIN_TOKEN});
      try {
        const t = thread('replay-deleted');
        const [key, replyKey] = [randomUUID(), randomUUID()];
        const posted = await api.post(t, undefined, {'Idempotency-Key': key});
        assert.equal(posted.status, 201);
        const replyBody = {author: {name: 'Ann'}, body: BODY, parentId: posted.json.id};
        assert.equal((await api.post(t, replyBody, {'Idempotency-Key': replyKey})).status, 201);
        // A retry before the deletion is the same comment.
        assert.equal((await api.post(t, undefined, {'Idempotency-Key': key})).status, 200);

        assert.deepEqual((await api.admin('DELETE', `/comments/${posted.json.id}`, ADMIN_TOKEN)).json, {deleted: 2});
        for (const [k, body] of [
          [key, undefined],
          [replyKey, replyBody],
        ] as const) {
          const replay = await api.post(t, body, {'Idempotency-Key': k});
          assert.equal(replay.status, 410, replay.text);
          assert.equal(schemaErrors('Error', replay.json), null);
          assert.equal(replay.json.error.code, 'invalid');
          assert.match(replay.json.error.message, /deleted/);
          assert.equal(replay.headers.get('idempotent-replayed'), null);
        }
        assert.deepEqual(plainPage((await api.list(t)).json), {comments: [], nextCursor: null, total: 0});
        assert.equal((await api.counts(t)).json.counts[t], 0);
        // The key with another comment is still a conflict, and a new key posts anew.
        assert.equal((await api.post(t, {author: {name: 'Ann'}, body: `${BODY} Edited.`}, {'Idempotency-Key': key})).status, 422);
        assert.equal((await api.post(t)).status, 201);
      } finally {
        await api.close();
        await cleanup();
      }
    });
  });
}
