// What only a real server process shows: the command line (--help, bad settings exit 2),
// data surviving a restart, and graceful shutdown on SIGTERM.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {LATEST_VERSION} from '../src/storage/migrations.js';
import {BODY, client, enc, listed, sleep, thread} from './helpers.js';
import {CLI, logRecord, spawnServer} from './spawn.js';

describe('the parley-server command', () => {
  /** Runs the command to its end; a run that starts a server by mistake is killed after 10 s. */
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{code: number | string | null; out: string}>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env}});
      let out = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({code: code ?? signal, out});
      });
    });

  it('--help prints every setting and exits 0', async () => {
    const {code, out} = await run(['--help']);
    assert.equal(code, 0);
    assert.match(out, /^Usage: parley-server \[flags\]/);
    for (const name of ['PORT', 'DATABASE_URL', 'ADMIN_TOKEN', 'CORS_ORIGINS']) assert.match(out, new RegExp(name));
  });

  it('refuses bad settings with a clear message and exit code 2', async () => {
    for (const [env, message] of [
      [{MODERATION: 'sometimes'}, /^parley-server: MODERATION must be off or pending/],
      [{STORAGE: 'postgres'}, /needs DATABASE_URL/],
    ] as const) {
      const {code, out} = await run(['--host', '127.0.0.1'], env);
      assert.equal(code, 2, out);
      assert.match(out, message);
    }
    const unknown = await run(['--colour', 'blue']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.out, /--help/);
  });

  it('a database it cannot open stops it with exit code 1 and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bad-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    try {
      const {code, out} = await run(['--port', '0', '--data-dir', join(file, 'data')]);
      assert.equal(code, 1, out);
      assert.ok(
        out
          .split('\n')
          .map(logRecord)
          .some((r) => r?.level === 'error' && /^could not start: .*ENOTDIR/.test(r.msg)),
        out
      );
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('restarts and shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-process-'));
  after(() => rmSync(dataDir, {recursive: true, force: true}));

  it('keeps comments and idempotency keys across a restart, and migrates only once', async () => {
    const t = thread('restart');
    const key = randomUUID();
    let server = await spawnServer({dataDir});
    let posted;
    try {
      assert.ok(
        server.lines.some((l) => new RegExp(`migrated .* from schema v0 to v${LATEST_VERSION}`).test(l)),
        server.lines.join('\n')
      );
      posted = await client(fetch, server.api).post(t, undefined, {'Idempotency-Key': key});
      assert.equal(posted.status, 201);
    } finally {
      assert.deepEqual(await server.stop(), {code: 0, signal: null});
    }
    server = await spawnServer({dataDir});
    try {
      const api = client(fetch, server.api);
      assert.deepEqual((await api.list(t)).json.comments, [listed(posted.json)]);
      const replay = await api.post(t, undefined, {'Idempotency-Key': key});
      assert.equal(replay.status, 200);
      assert.deepEqual(replay.json, posted.json);
      assert.ok(!server.lines.some((l) => l.includes('migrated')), 'no migration on the second start');
    } finally {
      await server.stop();
    }
  });

  it('SIGTERM: finishes a request in flight, closes event streams, then exits 0', async () => {
    const server = await spawnServer({env: {SHUTDOWN_TIMEOUT_MS: '5000'}, dataDir});
    const t = thread('shutdown');
    const stream = await client(fetch, server.api).subscribe(t);
    // A POST whose body arrives slowly: still being read when the signal comes.
    const body = JSON.stringify({author: {name: 'Ann'}, body: BODY});
    const url = new URL(`${server.api}/threads/${enc(t)}/comments`);
    const answer = new Promise<{status?: number; text: string}>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': randomUUID(),
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString())).on('end', () => resolve({status: r.statusCode, text}));
        }
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await sleep(150);
    const stopping = server.stop('SIGTERM');
    const res = await answer;
    assert.equal(res.status, 201, res.text);
    assert.equal(await stream.ended, 'ended');
    assert.deepEqual(await stopping, {code: 0, signal: null});
    assert.ok(
      server.lines.some((l) =>
        l.includes('SIGTERM: refusing new connections, finishing 1 in-flight requests, closing 1 event streams')
      ),
      server.lines.join('\n')
    );
    assert.ok(server.records().some((r) => r.level === 'info' && r.msg === 'stopped'));
  });
});
