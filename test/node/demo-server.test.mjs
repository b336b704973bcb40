// `npm start`'s server (demo/serve.mjs): parley-server with the demo pages beside the API.
// Run after `npm run build`:   node --test test/node/
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {createLog, loadConfig, startServer} from 'parley-server';
import {demo} from '../../demo/serve.mjs';

const THREAD = 'travel/2025/night-trains-return';

describe('the demo server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-demo-'));
  after(() => rmSync(dataDir, {recursive: true, force: true}));
  const lines = [];
  const start = () =>
    startServer(loadConfig({argv: ['--port', '0', '--data-dir', dataDir], env: {}}), {
      log: createLog('info', (line) => lines.push(line)),
      extend: demo,
    });
  const list = async (server) => (await fetch(`${server.url}/api/v1/threads/${encodeURIComponent(THREAD)}/comments`)).json();

  it('serves the demo article, its script and the bundles, and nothing else', async () => {
    const server = await start();
    try {
      const root = await fetch(`${server.url}/`, {redirect: 'manual'});
      assert.equal(root.status, 302);
      assert.equal(root.headers.get('location'), '/demo/');
      const page = await fetch(`${server.url}/demo/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /text\/html/);
      assert.match(await page.text(), /<script type="module" src="\.\/demo\.js"><\/script>/);
      for (const [path, type] of [
        ['/demo/demo.js', /javascript/],
        ['/demo/article.css', /text\/css/],
        ['/dist/parley.js', /javascript/],
        ['/dist/parley-local.js', /javascript/],
        // The chunks the script tag fetches on first use.
        ['/dist/parley-draft-store.js', /javascript/],
        ['/dist/parley-lang-de.js', /javascript/],
        ['/dist/parley-lang-zh-CN.js', /javascript/],
      ]) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type'), type, path);
        await res.arrayBuffer();
      }
      // The database, the repository and anything outside the list are not served.
      for (const path of [
        '/data/parley.sqlite',
        '/demo/data/parley.sqlite',
        '/package.json',
        '/.git/config',
        '/demo/serve.mjs',
        '/dist/index.js',
        '/dist/parley-nothing-built.js',
        '/dist/parley-form.js.map',
        '/demo/..%2F..%2Fpackage.json',
        '/dist/..%2Fpackage.json',
        '/demo/%2e%2e/package.json',
      ]) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /"devDependencies"|SQLite format/);
      }
    } finally {
      await server.close();
    }
  });

  it('seeds the demo thread once; comments survive a restart', async () => {
    let server = await start();
    let posted;
    try {
      assert.equal((await list(server)).total, 6);
      const res = await fetch(`${server.url}/api/v1/threads/${encodeURIComponent(THREAD)}/comments`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID()},
        body: JSON.stringify({
          author: {name: 'Ann'},
          body: 'A comment posted on the demo, long enough for the minimum of fifty.',
        }),
      });
      assert.equal(res.status, 201);
      posted = await res.json();
    } finally {
      await server.close();
    }
    const seeded = lines.filter((l) => /demo: seeded/.test(l)).length;
    server = await start();
    try {
      const page = await list(server);
      assert.equal(page.total, 7, 'seeded once, and the posted comment survived');
      // As lists show it: without the secret that only the post's answer carries.
      const {secret, ...listed} = posted;
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(page.comments.at(-1), listed);
      assert.equal(lines.filter((l) => /demo: seeded/.test(l)).length, seeded, 'no second seeding');
    } finally {
      await server.close();
    }
  });
});
