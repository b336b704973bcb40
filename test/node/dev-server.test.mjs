// `npm run start:local`'s dev server (web-dev-server.config.mjs): loopback only, and only
// what the demo pages load. Run after `npm run build`:   node --test test/node/
import assert from 'node:assert/strict';
import {networkInterfaces} from 'node:os';
import {after, before, describe, it} from 'node:test';
import {startDevServer} from '@web/dev-server';
import config from '../../web-dev-server.config.mjs';

describe('the local demo’s dev server', () => {
  let server;
  let base;
  before(async () => {
    server = await startDevServer({
      config: {...config, port: 0, plugins: config.plugins.filter((p) => p.name !== 'parley-demo-urls')},
      readCliArgs: false,
      readFileConfig: false,
      autoExitProcess: false,
      logStartMessage: false,
    });
    base = `http://127.0.0.1:${server.server.address().port}`;
  });
  after(() => server?.stop());

  it('listens on 127.0.0.1 only', async () => {
    assert.equal(server.server.address().address, '127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i.family === 'IPv4' && !i.internal);
    if (external) {
      const port = server.server.address().port;
      await assert.rejects(fetch(`http://${external.address}:${port}/demo/index.html`), 'reachable on another interface');
    }
  });

  it('serves the demo pages, the built code and the packages they import', async () => {
    for (const path of [
      '/demo/index.html',
      '/demo/demo.js',
      '/demo/article.css',
      '/dist/define.js',
      '/dist/parley.js',
      '/node_modules/lit/index.js',
    ]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 200, path);
      await res.arrayBuffer();
    }
    const root = await fetch(`${base}/`, {redirect: 'manual'});
    assert.equal(root.headers.get('location'), '/demo/index.html?local');
  });

  it('serves nothing else of the repository: not its data, its git folder or its sources', async () => {
    for (const path of [
      '/data/parley.sqlite',
      '/.git/config',
      '/package.json',
      '/demo/serve.mjs',
      '/src/index.ts',
      '/server/src/config.ts',
      '/node_modules/.package-lock.json',
    ]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 404, path);
      await res.arrayBuffer();
    }
  });
});
