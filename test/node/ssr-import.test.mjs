// Server-side rendering (Next.js, Nuxt, Astro, SvelteKit) imports the package in Node, where
// there is no DOM. Importing must not throw. Run after `npm run build`:
//   node --test test/node/
//
// What Node gets: Lit's `node` export condition loads @lit-labs/ssr-dom-shim, which puts a
// minimal `customElements` registry on globalThis (and nothing else: no window, document or
// HTMLElement global). So `define.js` runs in Node too and registers the elements in that
// registry, which is what Lit's own server renderer reads. `dist/parley.js`, the script-tag
// bundle with a browser build of Lit inside, is browser-only and is not imported here.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs an ES module in a fresh Node process (nothing imported before it) and returns its stdout. */
function runFresh(code) {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {cwd: root, encoding: 'utf8'});
}

test('dist/index.js imports without a DOM and registers nothing', async () => {
  const mod = await import('../../dist/index.js');
  assert.equal(typeof mod.ParleyComments, 'function');
  assert.equal(typeof mod.countCharacters, 'function');
  assert.equal(mod.countCharacters('👍🏽 é'), 3);
  // No browser globals were faked, so code that checks `typeof window` still knows it is on a server.
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(globalThis.customElements?.get('parley-comments'), undefined);
});

test('dist/define.js imports without a DOM and registers the elements in the server registry', async () => {
  const {ParleyComments, ParleyForm} = await import('../../dist/index.js');
  await import('../../dist/define.js');
  assert.equal(customElements.get('parley-comments'), ParleyComments);
  assert.equal(customElements.get('parley-form'), ParleyForm);
  for (const tag of ['parley-thread', 'parley-comment', 'parley-count']) assert.ok(customElements.get(tag), tag);
  // Evaluating the module a second time (two copies in a server bundle) is harmless.
  await import('../../dist/define.js?again');
  assert.equal(customElements.get('parley-comments'), ParleyComments);
  // An element can be constructed for server rendering.
  const el = new ParleyComments();
  assert.equal(el.minLength, 50);
});

test('define.js works as the first import of a fresh process', () => {
  const out = runFresh(`
    await import('parley-comments/define.js');
    console.log(typeof customElements.get('parley-comments'), typeof document);
  `);
  assert.equal(out.trim(), 'function undefined');
});

test('every module of package.json "exports" resolves and imports in Node', async () => {
  const {exports} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  // Type-only entries, the manifest and the browser-only script-tag bundles aside.
  const entries = Object.entries(exports)
    .filter(([key, target]) => (typeof target === 'object' ? target.default : !/parley(-\w+)?\.js$|\.json$/.test(key)))
    .map(([key]) => `parley-comments${key.slice(1)}`);
  assert.ok(entries.length >= 13, entries.join(' '));
  const out = runFresh(`
    const entries = ${JSON.stringify(entries)};
    for (const entry of entries) await import(entry);
    console.log('ok', entries.length);
  `);
  assert.equal(out.trim(), `ok ${entries.length}`);
  // Internals are not reachable through "exports".
  for (const internal of [
    'parley-comments/internal/idb.js',
    'parley-comments/adapters/registry.js',
    'parley-comments/dist/index.js',
  ]) {
    assert.throws(() => runFresh(`await import(${JSON.stringify(internal)});`), /ERR_PACKAGE_PATH_NOT_EXPORTED/, internal);
  }
});

test('the memory adapter lists and posts in Node (data for a server-rendered page)', async () => {
  const {MemoryAdapter} = await import('../../dist/adapters/memory.js');
  const adapter = new MemoryAdapter();
  const body = 'A comment long enough to pass the fifty character minimum rule.';
  const posted = await adapter.post('t', {author: {name: 'Priya S'}, body}, {idempotencyKey: 'k1'});
  const page = await adapter.list('t', {});
  assert.equal(page.total, 1);
  assert.equal(page.comments[0].id, posted.id);
});

test('constructing adapters needs no browser API until they are used', async () => {
  const {RestAdapter} = await import('../../dist/adapters/rest.js');
  const {LocalAdapter} = await import('../../dist/adapters/local.js');
  assert.doesNotThrow(() => new RestAdapter({endpoint: 'https://comments.example.com/v1'}));
  assert.doesNotThrow(() => new LocalAdapter());
});
