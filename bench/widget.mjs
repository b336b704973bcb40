#!/usr/bin/env node
/* global bench -- the page script of bench/pages/thread.html, read inside page.evaluate() */
// npm run bench: measures the built script-tag bundle dist/parley.js in headless Chromium
// and prints a table of figures (medians of several runs) next to Parley's targets.
// It is a benchmark, not a test: it fails only when it cannot measure (no build, no
// browser, a page error). What each figure means: bench/README.md.
//
//   npm run build && npm run bench
//   RUNS=9 npm run bench            # more runs per figure (default 5)
//   CHROME_PATH=/path/to/chromium npm run bench
//   BENCH_JSON=out.json npm run bench   # also write every raw sample as JSON
//   node bench/widget.mjs --serve       # only serve the pages on 127.0.0.1, to open by hand

import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {cpus, loadavg, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import puppeteer from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../scripts/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = join(root, 'bench', 'pages');
const bundlePath = join(root, 'dist', 'parley.js');

const started = Date.now();
const RUNS = Math.max(1, Number.parseInt(process.env.RUNS ?? '', 10) || 5);
/** Runs of the all-2,000-comments stress page (each loads the whole thread). */
const STRESS_RUNS = Math.max(1, Math.min(RUNS, 3));
/** Runs with the typing test (100 keystrokes each take a few seconds). */
const TYPING_RUNS = Math.max(1, Math.min(RUNS, 3));
const TYPED = 'The sleeper left Vienna on time; I watched the Danube from the window until Linz, then slept. Bliss!';
/** Milliseconds between two keystrokes: a very fast typist, each key in a frame of its own. */
const KEY_INTERVAL = 30;
const PASTE_SIZES = [1000, 10000, 100000];

// ---------------------------------------------------------------------------------------
// Preconditions

if (!existsSync(bundlePath)) {
  console.error('bench: dist/parley.js is missing. Run `npm run build` first, then `npm run bench`.');
  process.exit(1);
}
const chromePath = CHROMIUM_PATH;
if (!existsSync(chromePath)) {
  console.error(`bench: no Chromium at ${chromePath} (apt-get install chromium, or set CHROME_PATH).`);
  process.exit(1);
}
/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = newest(join(root, 'src')) > statSync(bundlePath).mtimeMs;

// ---------------------------------------------------------------------------------------
// Page-side code. These functions are inserted into the pages as source text
// (Function.prototype.toString), so they must not use anything from this module.

/** window.bench: timers, observers and probes of the benchmark, installed first in <head>. */
function harness() {
  const B = (window.bench = {t0: NaN, tAfterScript: NaN, longtasks: []});
  const observe = (type, options, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({type, buffered: true, ...options});
    } catch {
      // Entry type not supported: the figure stays empty.
    }
  };
  observe('longtask', {}, (e) => B.longtasks.push({start: e.startTime, duration: e.duration}));

  /** Resolves right after the current frame was produced: a message posted from rAF. */
  const afterFrame = (resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  };
  /** performance.now() after the next frame. */
  B.nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => afterFrame(resolve)));
  /** performance.now() after the first frame whose DOM satisfies `cond` (checked at the start of every frame). */
  B.when = (cond) =>
    new Promise((resolve) => {
      const tick = () => (cond() ? afterFrame(resolve) : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    });

  B.widget = () => document.querySelector('parley-comments');
  B.part = (selector) => B.widget()?.shadowRoot?.querySelector(selector) ?? null;
  B.items = () => B.part('parley-thread')?.shadowRoot?.querySelectorAll('parley-comment') ?? [];
  /** At least `min` comments in the thread, the first and the last rendered into their shadow roots. */
  B.shown = (min = 1) => {
    const items = B.items();
    return (
      items.length >= min &&
      !!items[0].shadowRoot?.querySelector('article') &&
      !!items[items.length - 1].shadowRoot?.querySelector('article')
    );
  };
  /**
   * Records in `bench.tFirst` the first frame (from navigation start) whose DOM satisfies
   * `cond`. Called from the page's <head>, so it watches from the first frame on.
   */
  B.watchFirst = (cond) => B.when(cond).then((t) => (B.tFirst = t));
  B.textarea = () => B.part('parley-form')?.shadowRoot?.querySelector('textarea') ?? document.querySelector('textarea');

  /** Long tasks overlapping [a, b]. */
  B.longtasksIn = (a, b) => {
    const tasks = B.longtasks.filter((t) => t.start < b && t.start + t.duration > a);
    return {
      count: tasks.length,
      total: tasks.reduce((s, t) => s + t.duration, 0),
      longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      blocking: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      /** Each one's start after `a` and its duration, ms: where to look. */
      at: tasks.map((t) => ({start: t.start - a, duration: t.duration})),
    };
  };

  /** Counts IndexedDB opens (drafts), to see what the widget does before it is scrolled to. */
  B.watchStorage = () => {
    B.idbOpens = 0;
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (...args) => {
      B.idbOpens++;
      return open(...args);
    };
  };

  /** Counts renders of the Parley elements (diagnostic page only). Call before parley.js runs. */
  B.instrument = () => {
    B.renders = {};
    for (const tag of ['parley-comments', 'parley-thread', 'parley-form', 'parley-comment']) {
      B.renders[tag] = 0;
      customElements.whenDefined(tag).then((C) => {
        const render = C.prototype.render;
        C.prototype.render = function () {
          B.renders[tag]++;
          return render.call(this);
        };
      });
    }
  };

  /**
   * Clicks "Show more comments" until all `total` comments are shown; times every click
   * to the paint of its first new comment. (The thread renders a page a chunk per frame
   * and offers the button once the page is all shown.)
   */
  B.loadAll = async (total) => {
    const clicks = [];
    const button = () => B.part('parley-thread')?.shadowRoot?.querySelector('[part="load-more"]');
    for (;;) {
      await B.when(() => button() || B.items().length >= total);
      if (!button()) break;
      const before = B.items().length;
      const renders = B.renders ? {...B.renders} : null;
      const t = performance.now();
      button().click();
      const painted = await B.when(() => B.items().length > before && B.shown(before + 1));
      clicks.push({
        before,
        after: B.items().length,
        ms: painted - t,
        longtasks: B.longtasksIn(t, painted),
        renders: renders && Object.fromEntries(Object.entries(B.renders).map(([k, v]) => [k, v - renders[k]])),
      });
    }
    return {clicks, shown: B.items().length, tDone: performance.now()};
  };

  /** Records, per keystroke, keydown → input → next frame. */
  B.startTyping = () => {
    const keys = (B.keys = []);
    let current = null;
    addEventListener('keydown', (e) => (current = {stamp: e.timeStamp, down: performance.now()}), true);
    addEventListener(
      'input',
      (e) => {
        const r = current ?? {stamp: e.timeStamp, down: NaN};
        current = null;
        r.capture = performance.now();
        keys.push(r);
        requestAnimationFrame(() => afterFrame((t) => (r.paint = t)));
      },
      true
    );
    // The bubbling listener on window runs after the widget's own listener and, the
    // stack being empty in between, after the Lit update it queued.
    addEventListener('input', () => {
      const r = keys[keys.length - 1];
      if (r && r.bubble === undefined) r.bubble = performance.now();
    });
  };

  /** Pastes texts of each size into the form's textarea; times handler, Lit update and next frame. */
  B.paste = async (sizes) => {
    const form = B.part('parley-form');
    const textarea = B.textarea();
    const fire = () =>
      textarea.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertFromPaste'}));
    const out = [];
    for (const size of sizes) {
      const text = mixedText(size, size);
      textarea.value = '';
      fire();
      await form?.updateComplete;
      await B.nextPaint();
      const t = performance.now();
      textarea.value = text;
      fire();
      const tHandled = performance.now();
      await form?.updateComplete;
      const tUpdated = performance.now();
      const tPainted = await B.nextPaint();
      out.push({
        size,
        units: text.length,
        handler: tHandled - t,
        update: tUpdated - t,
        paint: tPainted - t,
        counter: form?.shadowRoot?.querySelector('#counter')?.textContent.trim() ?? null,
      });
    }
    textarea.value = '';
    fire();
    await form?.updateComplete;
    return out;
  };
}

/**
 * `n` comments of a thread, the same for the same seed: bodies of 50–600 characters
 * (median about 175), about 1 in 6 with line breaks, about 1 in 20 with a link, a quarter
 * of them replies to a recent top-level comment, oldest first.
 */
function makeComments(n, seed, threadId) {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const words = (
    'the a and to of in I it was we on for that my with night train sleeper Vienna Paris Munich ' +
    'Zürich window seat aisle couchette berth compartment conductor timetable ticket platform ' +
    'station coffee breakfast border morning tunnel valley mountains river snow delay booked ' +
    'months ahead cheaper than flying honestly perhaps never always slept woke watched arrived ' +
    'late early quiet crowded children bicycles luggage rail pass Europe journey landscape'
  ).split(' ');
  const names = [
    'Anna Keller',
    'Tomás Ruiz',
    'Zoë Laurent',
    '李雷',
    'Łukasz Nowak',
    'Priya Raman',
    'Ola Nordmann',
    'Mehmet Yılmaz',
    'Sarah O’Neill',
    'Kenji Satō',
    'Amélie Dubois',
    'Jonas',
    'M. K.',
    'Fatima Zahra',
    'Dmitri Ivanov',
    'Chloé Martin',
    'Ngozi Okafor',
    'Jens Hansen',
    'Ana Lúcia',
    'Élodie',
    'عمر',
  ];
  const start = Date.UTC(2025, 2, 1);
  const comments = [];
  const roots = [];
  for (let i = 0; i < n; i++) {
    const length = 50 + Math.floor(550 * random() ** 2);
    const paragraphs = random() < 0.33;
    let body = '';
    let sentence = 0;
    while (body.length < length) {
      let word = pick(words);
      if (sentence === 0) word = word[0].toUpperCase() + word.slice(1);
      body += word;
      sentence++;
      if (sentence > 6 && random() < 0.18) {
        body += random() < 0.85 ? '.' : '!';
        sentence = 0;
        if (paragraphs && random() < 0.35) body += random() < 0.7 ? '\n\n' : '\n';
        else body += ' ';
      } else if (random() < 0.0017) {
        body += ` https://rail.example/routes/${i} `;
      } else {
        body += random() < 0.06 ? ', ' : ' ';
      }
    }
    body =
      body
        .slice(0, length)
        .trim()
        .replace(/[ ,]+$/, '') + '.';
    const reply = roots.length > 3 && random() < 0.25;
    const parentId = reply ? roots[roots.length - 1 - Math.floor(random() * Math.min(20, roots.length))] : null;
    const id = `c${String(i).padStart(5, '0')}`;
    if (!reply) roots.push(id);
    comments.push({
      id,
      threadId,
      parentId,
      author: {name: pick(names), avatarUrl: null},
      body,
      createdAt: new Date(start + i * 7 * 60000 + Math.floor(random() * 60000)).toISOString(),
      status: 'published',
    });
  }
  return comments;
}

/** Top-level comments in order, and the replies of each (REST contract v1 paging). */
function indexThread(comments) {
  const roots = comments.filter((c) => c.parentId === null);
  const replies = new Map();
  for (const c of comments) {
    if (c.parentId !== null) {
      if (!replies.has(c.parentId)) replies.set(c.parentId, []);
      replies.get(c.parentId).push(c);
    }
  }
  return {roots, replies, total: comments.length};
}

/** A page as REST contract v1 returns it: `limit` top-level comments from the cursor, each followed by its replies. */
function pageOf(index, q) {
  const roots = q.sort === 'newest' ? [...index.roots].reverse() : index.roots;
  const offset = Number.parseInt(q.cursor ?? '0', 10) || 0;
  const limit = Math.max(1, q.limit ?? 50);
  const next = offset + limit;
  return {
    comments: roots.slice(offset, next).flatMap((root) => [root, ...(index.replies.get(root.id) ?? [])]),
    nextCursor: next < roots.length ? String(next) : null,
    total: index.total,
  };
}

/**
 * About `graphemes` user-perceived characters of mixed text: ASCII words, emoji with
 * skin tones and ZWJ sequences, e + combining acute, CJK, line breaks.
 */
function mixedText(graphemes, seed) {
  let s = seed >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const pieces = [
    ['Night trains are back ', 22],
    ['👍🏽', 1],
    [' ', 1],
    ['👩🏾‍💻', 1],
    ['cafe\u0301 ', 5],
    ['夜行列車で旅をする', 9],
    ['\n', 1],
    ['a\u0308\u0301 ', 2],
    ['한국어 ', 4],
    ['fine, thanks. ', 14],
  ];
  const weights = [40, 6, 10, 3, 8, 10, 4, 4, 6, 20];
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let out = '';
  let n = 0;
  while (n < graphemes) {
    let r = random() * totalWeight;
    let i = 0;
    while ((r -= weights[i]) > 0) i++;
    const [text, count] = pieces[i];
    if (n + count > graphemes) {
      out += 'x'.repeat(graphemes - n);
      break;
    }
    out += text;
    n += count;
  }
  return out;
}

/** Sets up bench.adapter: an adapter object literal over `n` generated comments in this page. */
function setupThread(n) {
  const t = performance.now();
  const comments = makeComments(n, 2026, 'bench/night-trains');
  const index = indexThread(comments);
  bench.generateMs = performance.now() - t;
  bench.adapterCalls = [];
  bench.adapter = {
    async list(thread, q) {
      bench.adapterCalls.push({at: performance.now(), cursor: q.cursor ?? null, limit: q.limit ?? null});
      // A copy, as a network response would be: the widget keeps its own objects.
      return structuredClone(pageOf(index, q));
    },
    async post(thread, input) {
      const comment = {
        id: `p${comments.length}`,
        threadId: thread,
        parentId: input.parentId ?? null,
        author: {name: input.author.name, avatarUrl: null},
        body: input.body,
        createdAt: new Date().toISOString(),
        status: 'published',
      };
      comments.push(comment);
      return structuredClone(comment);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Server: 127.0.0.1 only, no caching (every run starts cold), gzip/brotli as a CDN would.

// The script tag's files, compressed once as a CDN would: parley.js imports parley-widget.js
// (the first load), which fetches parley-form.js without waiting for it, and the chunks
// loaded after the first paint or on first use (parley-actions.js, parley-edit.js …).
const SCRIPT_FILES = readdirSync(join(root, 'dist')).filter((f) => /^parley[\w.-]*\.js$/.test(f));
const FIRST_LOAD = ['parley.js', 'parley-widget.js'];
const scripts = new Map(
  SCRIPT_FILES.map((file) => {
    const body = readFileSync(join(root, 'dist', file));
    return [
      `/dist/${file}`,
      {body, br: brotliCompressSync(body, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}), gzip: gzipSync(body, {level: 9})},
    ];
  })
);
const dataScript =
  [makeComments, indexThread, pageOf, mixedText, setupThread].map(String).join('\n') + '\nbench.setupThread = setupThread;';
const harnessScript = `(${harness})();\n${mixedText}`;
const articleHtml = Array.from({length: 30}, (_, i) => {
  const text = makeComments(1, 100 + i, 'article')[0].body.replace(/\n+/g, ' ');
  return `<p class="${i < 3 ? 'lead' : 'more'}">${text} ${text}</p>`;
}).join('\n      ');
const embedComments = indexThread(makeComments(50, 50, 'opinion/letters/window-seat'));
/** Requests the REST backend answered, cleared before every page. */
let apiLog = [];
const encodingsSeen = new Set();

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
/** The first page of the 2,000-comment thread as HTML, as a server would render it into the page. */
function serverRendered(pageSize) {
  const {comments} = pageOf(indexThread(makeComments(2000, 2026, 'bench/night-trains')), {limit: pageSize});
  const when = new Intl.DateTimeFormat('en', {dateStyle: 'medium', timeStyle: 'short'});
  return comments
    .map(
      (c) =>
        `<article${c.parentId ? ' class="reply"' : ''}><span class="avatar" aria-hidden="true">${escapeHtml(c.author.name[0])}</span>` +
        `<b>${escapeHtml(c.author.name)}</b> <time datetime="${c.createdAt}">${when.format(new Date(c.createdAt))}</time>` +
        c.body
          .split(/\n+/)
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('') +
        '</article>'
    )
    .join('\n');
}

function page(name, url) {
  const ssr = url.searchParams.has('comments') ? serverRendered(Number(url.searchParams.get('pageSize')) || 50) : '';
  return readFileSync(join(pagesDir, name), 'utf8')
    .replace(/<script>\s*\/\*@HARNESS\*\/\s*<\/script>/g, () => `<script>${harnessScript}</script>`)
    .replace(/<script>\s*\/\*@DATA\*\/\s*<\/script>/g, () => `<script>${dataScript}</script>`)
    .replaceAll('<!--@ARTICLE-->', articleHtml)
    .replaceAll('<!--@COMMENTS-->', () => ssr);
}

function send(req, res, status, type, body, precompressed = {}) {
  const accept = String(req.headers['accept-encoding'] ?? '');
  let encoding = null;
  if (/\bbr\b/.test(accept)) encoding = 'br';
  else if (/\bgzip\b/.test(accept)) encoding = 'gzip';
  const raw = Buffer.from(body);
  const payload =
    encoding === 'br'
      ? (precompressed.br ?? brotliCompressSync(raw))
      : encoding === 'gzip'
        ? (precompressed.gzip ?? gzipSync(raw))
        : raw;
  if (encoding) encodingsSeen.add(encoding);
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': payload.length,
    'Cache-Control': 'no-store',
    ...(encoding ? {'Content-Encoding': encoding, Vary: 'Accept-Encoding'} : {}),
  });
  res.end(payload);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    const script = scripts.get(url.pathname);
    if (script) return send(req, res, 200, 'text/javascript; charset=utf-8', script.body, script);
    const pageMatch = /^\/bench\/pages\/([\w-]+\.html)$/.exec(url.pathname);
    if (pageMatch && existsSync(join(pagesDir, pageMatch[1]))) {
      return send(req, res, 200, 'text/html; charset=utf-8', page(pageMatch[1], url));
    }
    const api = /^\/api\/v1\/threads\/([^/]+)\/comments$/.exec(url.pathname);
    if (api && req.method === 'GET') {
      apiLog.push({method: 'GET', url: req.url});
      const q = {cursor: url.searchParams.get('cursor') ?? undefined, limit: Number(url.searchParams.get('limit')) || 50};
      q.sort = url.searchParams.get('sort') ?? 'oldest';
      return send(req, res, 200, 'application/json', JSON.stringify(pageOf(embedComments, q)));
    }
    if (url.pathname.startsWith('/api/')) apiLog.push({method: req.method, url: req.url});
    send(req, res, 404, 'text/plain', 'not found');
  } catch (error) {
    send(req, res, 500, 'text/plain', String(error));
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
if (process.argv.includes('--serve')) {
  // Only serve the pages, to open them by hand (DevTools, Performance panel).
  console.log(
    `bench pages: ${base}/bench/pages/thread.html?n=2000&pageSize=50  ${base}/bench/pages/bare.html  ${base}/bench/pages/embed.html?pos=below`
  );
  await new Promise(() => {});
}

// ---------------------------------------------------------------------------------------
// Browser

const userDataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  userDataDir,
  args: CHROMIUM_ARGS,
});
const problems = [];
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await browser.close().catch(() => {});
  await new Promise((ok) => server.close(ok));
  await rm(userDataDir, {recursive: true, force: true});
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A new page in a fresh browser context (no cache, no IndexedDB from earlier runs). */
async function open(path) {
  const context = await browser.createBrowserContext();
  const p = await context.newPage();
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`${path} console.${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`${path} page error: ${e.message}`));
  p.on('requestfailed', (r) => problems.push(`${path} request failed: ${r.url()} ${r.failure()?.errorText}`));
  await p.setViewport({width: 1280, height: 900, deviceScaleFactor: 1});
  const cdp = await p.createCDPSession();
  await cdp.send('Performance.enable');
  apiLog = [];
  await within(p.goto(path.startsWith('/') ? `${base}${path}` : path, {waitUntil: 'load'}), 20000, `loading ${path}`);
  return {page: p, cdp, close: () => context.close()};
}

/** JS heap and DOM size after two full garbage collections. */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const {metrics} = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    js: usage.usedSize,
    embedder: usage.embedderHeapUsedSize ?? NaN,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    layoutObjects: metric('LayoutObjects'),
  };
}

/** Types TYPED into the page's textarea (the widget's, or the plain one) with real key events. */
async function type(p) {
  const textarea = await p.evaluateHandle(() => bench.textarea());
  await textarea.focus();
  await p.evaluate(() => bench.nextPaint());
  await sleep(200);
  await p.evaluate(() => bench.startTyping());
  for (const ch of TYPED) {
    await p.keyboard.type(ch);
    await sleep(KEY_INTERVAL);
  }
  await sleep(100);
  const result = await p.evaluate(() => ({keys: bench.keys, value: bench.textarea().value}));
  if (result.value !== TYPED)
    problems.push(`typing: the textarea holds ${JSON.stringify(result.value.slice(0, 40))}…, not the typed text`);
  await textarea.dispose();
  return {
    latency: result.keys.map((k) => k.paint - k.stamp).filter(Number.isFinite),
    handler: result.keys.map((k) => k.bubble - k.capture).filter(Number.isFinite),
    keys: result.keys.length,
  };
}

const KINDS = [
  ['GC', /GC|Scaveng|Sweep|Marking|MajorGC|MinorGC/i],
  ['paint', /Paint|Commit|Composit|Raster|Layeriz|CullRect/],
  ['JS compile', /compile|Compile|v8\.parse|V8\.Parse/],
  [
    'JS',
    /^(v8\.|V8\.|EvaluateScript|FunctionCall|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|CustomElement|v8\.run)/,
  ],
  ['style', /Style|UpdateLayoutTree|RecalcStyle|ParseAuthorStyleSheet/],
  ['layout', /Layout|Inline|Shape|Font/],
  ['HTML parse', /ParseHTML|HTMLDocumentParser|HTMLParser/],
];

/**
 * Main-thread self time by kind (JS, style, layout, paint …) from the page's
 * performance.mark('bench:t0') to `spanMs` later, from a Chromium trace.
 */
function breakdown(trace, spanMs) {
  const events = JSON.parse(trace).traceEvents;
  const mark = events.find((e) => e.name === 'bench:t0');
  if (!mark) return null;
  const from = mark.ts;
  const to = mark.ts + spanMs * 1000;
  const slices = events
    .filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.dur > 0 && e.ts < to && e.ts + e.dur > from)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const clip = (e) => Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
  const self = new Map();
  const stack = [];
  for (const e of slices) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    self.set(e, clip(e));
    if (parent) self.set(parent, self.get(parent) - clip(e));
    stack.push(e);
  }
  const kinds = {};
  let busy = 0;
  for (const [e, us] of self) {
    const kind = KINDS.find(([, re]) => re.test(e.name))?.[0] ?? 'other';
    kinds[kind] = (kinds[kind] ?? 0) + us / 1000;
    busy += us / 1000;
  }
  kinds.idle = Math.max(0, spanMs - busy);
  return kinds;
}

// ---------------------------------------------------------------------------------------
// Statistics and formatting

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const max = (xs) => xs.filter(Number.isFinite).reduce((a, b) => Math.max(a, b), -Infinity);
const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : '–');
const mb = (x) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(2)} MB` : '–');
const kb = (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)} kB` : '–');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
/** Long tasks: median count / median total duration, and the longest seen in any run. */
const tasks = (lts) =>
  `${int(median(lts.map((l) => l.count)))} / ${ms(median(lts.map((l) => l.total)))}` +
  (max(lts.map((l) => l.longest)) > 0 ? ` (max ${ms(max(lts.map((l) => l.longest)))})` : '');
const dist = (xs) => `${ms(median(xs))} / ${ms(percentile(xs, 95))} / ${ms(max(xs))}`;

const progress = (msg) => process.stderr.write(`bench: ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s  ${msg}\n`);
const raw = {};

// ---------------------------------------------------------------------------------------
// Measurements

const loadAtStart = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
let failed = false;
const rows = [];
try {
  const version = await browser.version();

  // Warm-up, not measured: the first pages of a new browser are slower (fonts, caches).
  progress('warming up');
  for (const path of [
    '/bench/pages/thread.html?n=2000&pageSize=50',
    '/bench/pages/bare.html?n=2000',
    '/bench/pages/embed.html?pos=top',
  ]) {
    const {page: p, close} = await open(path);
    await within(
      p.evaluate(() => (bench.widget() ? bench.when(() => bench.shown()) : bench.nextPaint())),
      15000,
      `warm-up ${path}`
    );
    await close();
  }

  // 1 + 2 + 3: the 2,000-comment thread (first page of 50), then typing, then pasting.
  const thread = [];
  const bare = [];
  /** Per run: the page's script start → first comments painted, Parley and the server-rendered bare page. */
  const firstScreens = [];
  for (let i = 0; i < RUNS; i++) {
    progress(`thread of 2,000, run ${i + 1}/${RUNS}`);
    {
      const {page: p, cdp, close} = await open('/bench/pages/thread.html?n=2000&pageSize=50');
      const visible = await within(
        p.evaluate(() => bench.when(() => bench.shown())),
        15000,
        'first comments'
      );
      const t = await p.evaluate(
        (tVisible) => ({
          t0: bench.t0,
          tList: bench.adapterCalls[0]?.at,
          tVisible,
          longtasks: bench.longtasksIn(bench.t0, tVisible),
          shown: bench.items().length,
          calls: bench.adapterCalls.length,
          generateMs: bench.generateMs,
          tFirst: bench.tFirst,
        }),
        visible
      );
      await sleep(500);
      const h = await heap(cdp);
      const typing = i < TYPING_RUNS ? await type(p) : null;
      const paste = await p.evaluate((sizes) => bench.paste(sizes), PASTE_SIZES);
      thread.push({...t, heap: h, typing, paste});
      await close();
    }
    {
      // The baseline of the first screen: the same first page, in the HTML as a server renders it.
      const {page: p, close} = await open('/bench/pages/bare.html?n=2000&pageSize=50&comments');
      const tFirst = await within(
        p.evaluate(() => bench.when(() => bench.tFirst !== undefined).then(() => bench.tFirst - bench.t0)),
        15000,
        'server-rendered comments'
      );
      const last = thread.at(-1);
      firstScreens.push({parley: last.tFirst - last.t0, bare: tFirst});
      await close();
    }
    {
      const {page: p, cdp, close} = await open('/bench/pages/bare.html?n=2000');
      await p.evaluate(() => bench.nextPaint());
      await sleep(500);
      const h = await heap(cdp);
      const typing = i < TYPING_RUNS ? await type(p) : null;
      const paste = await p.evaluate((sizes) => bench.paste(sizes), PASTE_SIZES);
      bare.push({heap: h, typing, paste});
      await close();
    }
  }
  raw.thread = thread;
  raw.bare = bare;
  raw.firstScreens = firstScreens;

  // Where the main thread's time goes until the first screen (one traced run, not timed).
  progress('trace of the first screen');
  let traced;
  {
    const {page: p, close} = await open('about:blank');
    await p.tracing.start({
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'blink.user_timing',
        'v8',
        'v8.execute',
      ],
    });
    await within(p.goto(`${base}/bench/pages/thread.html?n=2000&pageSize=50`, {waitUntil: 'load'}), 20000, 'traced page');
    const span = await within(
      p.evaluate(async () => (await bench.when(() => bench.shown())) - bench.t0),
      15000,
      'traced first comments'
    );
    const trace = await p.tracing.stop();
    traced = {span, kinds: breakdown(Buffer.from(trace).toString('utf8'), span)};
    await close();
  }
  raw.traced = traced;

  // 1 (stress): all 2,000 comments, page size 200, "Show more comments" clicked until done.
  const stress = [];
  for (let i = 0; i < STRESS_RUNS; i++) {
    progress(`all 2,000 comments, run ${i + 1}/${STRESS_RUNS}`);
    const {page: p, cdp, close} = await open('/bench/pages/thread.html?n=2000&pageSize=200');
    await within(
      p.evaluate(() => bench.when(() => bench.shown())),
      15000,
      'first comments'
    );
    const all = await within(
      p.evaluate(() => bench.loadAll(2000)),
      60000,
      'showing all comments'
    );
    const t = await p.evaluate((tDone) => ({t0: bench.t0, longtasks: bench.longtasksIn(bench.t0, tDone)}), all.tDone);
    await sleep(500);
    const h = await heap(cdp);
    const typing = await type(p);
    stress.push({...t, ...all, heap: h, typing});
    await close();
  }
  raw.stress = stress;

  // Diagnostic: how often each element renders (render() wrapped; not timed).
  progress('render counts');
  let diag;
  {
    const {page: p, close} = await open('/bench/pages/thread.html?n=2000&pageSize=200&instrument=1');
    await within(
      p.evaluate(() => bench.when(() => bench.shown())),
      15000,
      'first comments'
    );
    await sleep(200);
    const first = await p.evaluate(() => ({renders: {...bench.renders}, shown: bench.items().length}));
    const all = await within(
      p.evaluate(() => bench.loadAll(2000)),
      60000,
      'showing all comments'
    );
    const total = await p.evaluate(() => ({...bench.renders}));
    diag = {first, clicks: all.clicks, total, shown: all.shown};
    await close();
  }
  raw.renders = diag;

  // 4: the script tag with 50 comments, on the first screen and below a tall article.
  const embedTop = [];
  const embedBelow = [];
  for (let i = 0; i < RUNS; i++) {
    progress(`script tag, 50 comments, run ${i + 1}/${RUNS}`);
    {
      const {page: p, close} = await open('/bench/pages/embed.html?pos=top');
      const visible = await within(
        p.evaluate(() => bench.when(() => bench.shown())),
        15000,
        'comments of the script tag'
      );
      embedTop.push(
        await p.evaluate(
          (tVisible) => ({
            t0: bench.t0,
            tRequest: performance.getEntriesByType('resource').find((e) => e.name.includes('/api/'))?.startTime,
            tVisible,
            longtasks: bench.longtasksIn(bench.t0, tVisible),
            shown: bench.items().length,
          }),
          visible
        )
      );
      await close();
    }
    {
      const {page: p, close} = await open('/bench/pages/embed.html?pos=below');
      await p.evaluate(() => bench.nextPaint());
      await sleep(1000);
      const before = await p.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const scrollY = document.querySelector('parley-comments').getBoundingClientRect().top;
        return {
          document: {transfer: nav.transferSize, encoded: nav.encodedBodySize},
          resources: performance.getEntriesByType('resource').map((e) => ({
            name: new URL(e.name).pathname,
            type: e.initiatorType,
            transfer: e.transferSize,
            encoded: e.encodedBodySize,
            decoded: e.decodedBodySize,
          })),
          widgetTop: scrollY,
          viewport: innerHeight,
          idbOpens: bench.idbOpens,
          longtasks: bench.longtasksIn(bench.t0, performance.now()),
          shown: bench.items().length,
        };
      });
      before.apiCalls = apiLog.length;
      const after = await within(
        p.evaluate(async () => {
          const t = performance.now();
          document.querySelector('parley-comments').scrollIntoView({block: 'start'});
          const tVisible = await bench.when(() => bench.shown());
          return {ms: tVisible - t, longtasks: bench.longtasksIn(t, tVisible), shown: bench.items().length};
        }),
        15000,
        'comments after scrolling'
      );
      after.apiCalls = apiLog.length;
      embedBelow.push({before, after});
      await close();
    }
  }
  raw.embedTop = embedTop;
  raw.embedBelow = embedBelow;

  // 5: bundle size.
  const first = FIRST_LOAD.map((file) => scripts.get(`/dist/${file}`));
  const sizes = {
    raw: first.reduce((n, f) => n + f.body.length, 0),
    gzip: first.reduce((n, f) => n + f.gzip.length, 0),
    brotli: first.reduce((n, f) => n + f.br.length, 0),
    form: scripts.get('/dist/parley-form.js').br.length,
  };
  raw.sizes = sizes;

  // -------------------------------------------------------------------------------------
  // The table

  const section = (title) => rows.push({title});
  const row = (label, parley, bareValue = '', target = '') => rows.push({label, parley, bare: bareValue, target});
  /** The heap rows of `runs` beside the bare page's: JS heap, the widget's own share, Blink's heap, DOM nodes. */
  const heapRows = (label, runs) => {
    const js = median(runs.map((r) => r.heap.js));
    const bareJs = median(bare.map((r) => r.heap.js));
    row(label, mb(js), mb(bareJs));
    row("  the widget's own (Parley − bare)", mb(js - bareJs), '', '< 5 MB');
    row(
      'DOM/Blink heap (embedder, after GC)',
      mb(median(runs.map((r) => r.heap.embedder))),
      mb(median(bare.map((r) => r.heap.embedder)))
    );
    row('DOM nodes (incl. shadow trees)', int(median(runs.map((r) => r.heap.nodes))), int(median(bare.map((r) => r.heap.nodes))));
  };
  const sizeOf = (arr, size, key) => arr.flatMap((r) => r.paste.filter((x) => x.size === size).map((x) => x[key]));

  section(`1. Thread of 2,000 comments, first page (page-size 50, eager), median of ${RUNS}`);
  row('Script start → first screen of comments painted', ms(median(thread.map((r) => r.tVisible - r.t0))), '', '≤ 150 ms');
  row(
    'Script start → first comments painted (watched from <head>)',
    ms(median(firstScreens.map((r) => r.parley))),
    ms(median(firstScreens.map((r) => r.bare))),
    'bare: HTML'
  );
  row(
    '  Parley ÷ bare page, each run (median / max)',
    `${median(firstScreens.map((r) => r.parley / r.bare)).toFixed(2)}× / ${Math.max(...firstScreens.map((r) => r.parley / r.bare)).toFixed(2)}×`,
    '',
    '≤ 1.1×'
  );
  row('  script start → adapter.list() called', ms(median(thread.map((r) => r.tList - r.t0))));
  row('  comments in the first page', int(median(thread.map((r) => r.shown))));
  if (traced?.kinds) {
    const k = traced.kinds;
    const part = (name) => (Math.round(k[name] ?? 0) > 0 ? `${name} ${Math.round(k[name])}` : null);
    const parts = ['JS', 'JS compile', 'GC', 'style', 'layout', 'paint', 'HTML parse', 'other', 'idle'].map(part).filter(Boolean);
    row(`  main thread, one traced run (${ms(traced.span)} with tracing on):`, '');
    for (let i = 0; i < parts.length; i += 5)
      row(`    ${parts.slice(i, i + 5).join(' · ')}${i + 5 >= parts.length ? ' ms' : ''}`, '');
  }
  row('Long tasks in that time (count / total)', tasks(thread.map((r) => r.longtasks)), '', 'none');
  // Where the longest one of each run was: before the list call it is the script's evaluation and
  // the elements' first render; after it, the render of the comments.
  const placed = thread.flatMap((r) => {
    const longest = r.longtasks.at.reduce((a, t) => (t.duration > (a?.duration ?? 0) ? t : a), undefined);
    return longest ? [{...longest, before: longest.start < r.tList - r.t0}] : [];
  });
  if (placed.length) {
    const before = placed.filter((t) => t.before).length;
    row(
      '  the longest one starts after script start (median)',
      `${ms(median(placed.map((t) => t.start)))}; before the list call in ${before} of ${placed.length} runs`
    );
  }
  heapRows('JS heap after load (after GC)', thread);

  const clicks = stress.flatMap((r) => r.clicks);
  section(`1b. Stress: all 2,000 shown (page-size 200, "Show more" ×${stress[0].clicks.length}), median of ${STRESS_RUNS}`);
  row('Script start → all 2,000 painted', ms(median(stress.map((r) => r.tDone - r.t0))));
  row(
    '"Show more" click → next 200 painted (med / max)',
    `${ms(median(clicks.map((c) => c.ms)))} / ${ms(max(clicks.map((c) => c.ms)))}`
  );
  row('  last click (1,800 → 2,000 shown)', ms(median(stress.map((r) => r.clicks.at(-1).ms))));
  row('Long tasks, script start → all shown', tasks(stress.map((r) => r.longtasks)), '', 'none');
  heapRows('JS heap with 2,000 shown (after GC)', stress);
  const perClick = (tag) => median(diag.clicks.map((c) => c.renders[tag]));
  const newPerClick = median(diag.clicks.map((c) => c.after - c.before));
  row(
    'parley-comment renders, first page',
    `${int(diag.first.renders['parley-comment'])}`,
    '',
    `${int(diag.first.shown)} (one each)`
  );
  row('  per "Show more" click', int(perClick('parley-comment')), '', `${int(newPerClick)} (the new ones)`);
  row('  in all, to show 2,000', int(diag.total['parley-comment']), '', int(diag.shown));
  row(
    '  parley-comments / parley-thread renders per click',
    `${int(perClick('parley-comments'))} / ${int(perClick('parley-thread'))}`
  );

  const keyLatency = (runs) => runs.flatMap((r) => r.typing?.latency ?? []);
  const keyHandler = (runs) => runs.flatMap((r) => r.typing?.handler ?? []);
  section(
    `2. Typing ${TYPED.length} characters, a key every ${KEY_INTERVAL} ms (all keys of ${TYPING_RUNS} runs; median / p95 / max)`
  );
  row('keydown → next frame, first page shown', dist(keyLatency(thread)), dist(keyLatency(bare)), 'as bare page');
  row('  input handlers + Lit update', dist(keyHandler(thread)), dist(keyHandler(bare)));
  row(
    `keydown → next frame, all 2,000 shown (${STRESS_RUNS} runs)`,
    dist(keyLatency(stress)),
    dist(keyLatency(bare)),
    'as bare page'
  );
  row('  input handlers + Lit update', dist(keyHandler(stress)), dist(keyHandler(bare)));

  section(`3. Paste into the textarea (input event → form.updateComplete; → next frame), median of ${RUNS}`);
  for (const size of PASTE_SIZES) {
    const sample = thread[0].paste.find((x) => x.size === size);
    row(
      `${int(size)} chars (${int(sample.units)} UTF-16) → updateComplete`,
      ms(median(sizeOf(thread, size, 'update'))),
      '',
      size <= 10000 ? '< 16 ms (one frame)' : ''
    );
    row('  of which the input handler (counting)', ms(median(sizeOf(thread, size, 'handler'))));
    row('  → next frame painted', ms(median(sizeOf(thread, size, 'paint'))), ms(median(sizeOf(bare, size, 'paint'))));
  }
  row('  counter then shows', JSON.stringify(thread[0].paste.at(-1).counter));

  const firstBelow = embedBelow[0].before;
  const isScript = (e) => scripts.has(e.name);
  const scriptBytes = (key) => embedBelow.map((r) => r.before.resources.filter(isScript).reduce((n, e) => n + (e[key] ?? 0), 0));
  const others = [...new Set(embedBelow.flatMap((r) => r.before.resources.filter((e) => !isScript(e)).map((e) => e.name)))];
  const scriptNames = [...new Set(embedBelow.flatMap((r) => r.before.resources.filter(isScript).map((e) => e.name.slice(6))))];
  section(`4. Script tag (data-endpoint, REST contract v1 on 127.0.0.1), 50 comments, lazy, median of ${RUNS}`);
  row('On the first screen: script start → comments painted', ms(median(embedTop.map((r) => r.tVisible - r.t0))), '', '');
  row('  script start → comments requested (GET)', ms(median(embedTop.map((r) => r.tRequest - r.t0))));
  row('  long tasks in that time (count / total)', tasks(embedTop.map((r) => r.longtasks)), '', 'none');
  row(
    `Below a tall article (widget at ${int(firstBelow.widgetTop)} px, viewport ${firstBelow.viewport} px), before scrolling:`,
    ''
  );
  row(
    '  requests besides the page',
    `${int(median(embedBelow.map((r) => r.before.resources.length)))}: ${[...scriptNames, ...others].join(', ')}`,
    '',
    'the script files only'
  );
  row(
    '  script files transferred (encoded bodies)',
    `${kb(median(scriptBytes('transfer')))} (${kb(median(scriptBytes('encoded')))})`
  );
  row(
    '  all bytes transferred (page + resources)',
    kb(median(embedBelow.map((r) => r.before.document.transfer + r.before.resources.reduce((s, e) => s + e.transfer, 0))))
  );
  row('  adapter list calls (API requests)', int(median(embedBelow.map((r) => r.before.apiCalls))), '', '0');
  row('  IndexedDB opened (drafts)', int(median(embedBelow.map((r) => r.before.idbOpens))) + '×');
  row('  long tasks, script start → 1 s after load', tasks(embedBelow.map((r) => r.before.longtasks)), '', 'none');
  row('After scrolling: scroll → comments painted', ms(median(embedBelow.map((r) => r.after.ms))));
  row('  adapter list calls (API requests) by then', int(median(embedBelow.map((r) => r.after.apiCalls))));
  row('  comments shown', int(median(embedBelow.map((r) => r.after.shown))));

  section(`5. First load: ${FIRST_LOAD.join(' + ')} (Lit included; node:zlib gzip -9, brotli q11)`);
  row('raw', kb(sizes.raw));
  row('gzip', kb(sizes.gzip));
  row('brotli', kb(sizes.brotli), '', '≤ 12 kB (aim)');
  row('then parley-form.js, not waited for (brotli)', kb(sizes.form));

  // Print.
  const w = [52, 28, 28, 20];
  const line = (a, b, c, d) => `${a.padEnd(w[0])} ${b.padStart(w[1])} ${c.padStart(w[2])}  ${d}`;
  console.log(
    `\nParley benchmark: dist/parley.js in ${version} (headless), ${cpus().length}× ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`
  );
  console.log(
    `viewport 1280×900, no cache, served from 127.0.0.1 (${[...encodingsSeen].join(', ') || 'identity'}); every figure in a fresh browser context`
  );
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `load average at start ${loadAtStart}, at end ${load}${Math.max(...loadavg()) > cpus().length ? ' (a busy machine: expect noisy figures)' : ''}`
  );
  if (stale)
    console.log('WARNING: src/ changed after dist/parley.js was built; run `npm run build` to measure the current code.');
  console.log('');
  console.log(line('figure', 'Parley', 'bare page', 'target'));
  console.log('-'.repeat(w[0] + w[1] + w[2] + w[3] + 4));
  for (const r of rows) {
    if (r.title) console.log(`\n${r.title}`);
    else console.log(line(r.label.length > w[0] ? r.label : r.label, r.parley, r.bare, r.target));
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (process.env.BENCH_JSON) {
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({version, sizes, raw}, null, 2));
    console.log(`raw samples written to ${process.env.BENCH_JSON}`);
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanup();
}
if (problems.length) {
  failed = true;
  console.error(`\nProblems seen in the pages (figures may be wrong):\n  ${problems.join('\n  ')}`);
}
process.exit(failed ? 1 : 0);
