#!/usr/bin/env node
// `npm start`: the demo article on the reference backend, as a publisher would run it:
// parley-server with the API under /api/v1 and, beside it, the demo pages and the
// script-tag bundles. Comments live in ./data (SQLite); the demo thread is seeded on the
// first start. Settings are parley-server's: `npm start -- --help`.
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {pathToFileURL} from 'node:url';
import {main} from 'parley-server';
import {seed} from './seed.js';

const root = new URL('../', import.meta.url);

/** What the demo serves: these files and nothing else (never the data folder, never the repository). */
const FILES = new Map([
  ['/demo/', 'demo/index.html'],
  ['/demo/index.html', 'demo/index.html'],
  ['/demo/embed.html', 'demo/embed.html'],
  ['/demo/demo.js', 'demo/demo.js'],
  ['/demo/seed.js', 'demo/seed.js'],
  ['/demo/article.css', 'demo/article.css'],
  ['/demo/favicon.svg', 'demo/favicon.svg'],
]);
/**
 * The script tag's files: dist/parley.js and the chunks it fetches on first use
 * (dist/parley-widget.js, parley-form.js, parley-draft-store.js, parley-lang-de.js …),
 * served when the build has them. A name of letters, digits and dashes: no path.
 */
const SCRIPT = /^\/dist\/parley(-[\w-]+)?\.js$/;
const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Copies the demo thread into the storage once (demo/seed.js, shared with the local-adapter demo). */
async function seedDemo(storage, log) {
  if (await storage.meta('demo_seeded')) return;
  for (const [thread, comments] of Object.entries(seed)) {
    for (const c of comments) {
      await storage.create({
        key: `seed:${c.id}`,
        fingerprint: `seed:${c.id}`,
        thread,
        parentId: c.parentId ?? null,
        name: c.author.name,
        email: null,
        body: c.body,
        status: 'published',
        authorHash: null,
        authorToken: null,
        secret: null,
        secretHash: null,
        id: c.id,
        createdAt: c.createdAt,
      });
    }
    log.info(`demo: seeded thread ${JSON.stringify(thread)} with ${comments.length} comments`);
  }
  await storage.meta('demo_seeded', new Date().toISOString());
}

/** The demo's routes beside the API. */
export async function demo(app, {storage, log}) {
  await seedDemo(storage, log);
  for (const path of ['/', '/demo', '/demo/live.html']) app.get(path, (c) => c.redirect('/demo/'));
  app.get('*', async (c, next) => {
    const file = FILES.get(c.req.path) ?? (SCRIPT.test(c.req.path) ? c.req.path.slice(1) : undefined);
    if (!file || !existsSync(new URL(file, root))) return next();
    const body = await readFile(new URL(file, root));
    return c.body(body, 200, {'Content-Type': TYPES[file.split('.').pop()], 'Cache-Control': 'no-cache'});
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await main({command: 'npm start --', extend: demo});
  if (server) console.error(`Parley demo: ${server.url}/demo/  (open it in two windows: each sees the other's comments)`);
}
