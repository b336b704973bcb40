#!/usr/bin/env node
// Proves that parley-server deploys on its own, as an operator installs it: packs
// parley-contract and parley-server (after `npm run build`), installs the two tarballs into
// an empty folder with runtime dependencies only (no widget, no build tools), then runs
// `npx parley-server --help`, starts `npx parley-server` on a free port, posts and lists a
// comment, loads the console's page and bundle, and stops it with SIGTERM.   node scripts/check-deploy.mjs
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'parley-deploy-'));
const npm = (args, cwd = dir) => execFileSync('npm', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
const started = performance.now();
/** The server's log lines (one JSON object each), read. */
const records = (log) =>
  log.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });

try {
  npm(['pack', '-w', 'parley-contract', '-w', 'parley-server', '--pack-destination', dir, '--silent'], root);
  const tarball = (name) => `file:./${readdirSync(dir).find((f) => f.startsWith(`${name}-`))}`;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'parley-deployment',
      private: true,
      dependencies: {'parley-server': tarball('parley-server')},
      // Until parley-contract is on the registry, its tarball stands in for it.
      overrides: {'parley-contract': tarball('parley-contract')},
    })
  );
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
  for (const tool of ['typescript', 'rollup', 'lit', 'parley-comments', 'tsx']) {
    assert.ok(
      !existsSync(join(dir, 'node_modules', tool)),
      `${tool} was installed, but the server needs no build tools or widget`
    );
  }
  const help = execFileSync('npx', ['--no-install', 'parley-server', '--help'], {cwd: dir, encoding: 'utf8'});
  assert.match(help, /^Usage: parley-server/);

  // The command npm linked, run as a supervisor would (npx would stand between it and the signal).
  const server = spawn(join(dir, 'node_modules', '.bin', 'parley-server'), ['--port', '0', '--data-dir', './data'], {
    cwd: dir,
    // With the admin API on, /admin serves the console built into the package.
    env: {...process.env, ADMIN_TOKEN: 'deploy-check-admin-token'},
  });
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({code, signal})));
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley-server did not start:\n${log}`)), 20_000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const listening = records(log).find((r) => r.msg?.startsWith('listening on') && r.url);
      if (listening) {
        clearTimeout(timer);
        resolve(listening.url);
      }
    });
  });
  try {
    const thread = `${url}/api/v1/threads/deploy%2Fcheck/comments`;
    const body = JSON.stringify({
      author: {name: 'Operator'},
      body: 'A comment posted to a freshly deployed server, long enough to pass.',
    });
    const posted = await fetch(thread, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID()},
      body,
    });
    assert.equal(posted.status, 201, await posted.clone().text());
    const page = await (await fetch(thread)).json();
    assert.equal(page.total, 1);
    const consolePage = await fetch(`${url}/admin`);
    assert.equal(consolePage.status, 200, 'the console page');
    assert.match(await consolePage.text(), /<script type="module" src="\/admin\/console.js">/);
    const script = await fetch(`${url}/admin/console.js`);
    assert.equal(script.status, 200, 'the console bundle ships in the package');
    assert.match(await script.text(), /parley-console/);
    const ready = await (await fetch(`${url}/readyz`)).json();
    assert.deepEqual([ready.ok, ready.storage], [true, 'sqlite'], JSON.stringify(ready));
  } finally {
    server.kill('SIGTERM');
  }
  // SIGTERM: the server shuts down gracefully and exits 0.
  const {code, signal} = await exited;
  assert.equal(code, 0, `exit ${code ?? signal}:\n${log}`);
  assert.ok(
    records(log).some((r) => r.level === 'info' && r.msg === 'stopped'),
    `no "stopped" line:\n${log}`
  );
  console.log(
    `parley-server deploys on its own: packed, installed without dev dependencies, served, posted, listed (${((performance.now() - started) / 1000).toFixed(0)} s).`
  );
} finally {
  rmSync(dir, {recursive: true, force: true});
}
