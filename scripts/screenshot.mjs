#!/usr/bin/env node
// npm run screenshot: serves the repository with the dev server configuration of
// `npm start`, opens demo/index.html in headless Chromium and writes
//   docs/screenshots/demo-375.png       the whole page, 375 px wide
//   docs/screenshots/demo-1280.png      the whole page, 1280 px wide
//   docs/screenshots/comments-1280.png  just <parley-comments>, 1280 px wide
//   docs/screenshots/comments-1280-dark.png  the same with prefers-color-scheme: dark
//   docs/screenshots/i18n-{de,ar}-{375,1280}.png  demo/i18n.html in German and in Arabic
// It also checks that demo/embed.html (script tag, strict CSP) mounts the widget.
// Needs a build (npm run build). Environment: CHROME_PATH (default /usr/bin/chromium),
// SCALE (device pixel ratio, default 1).

import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {existsSync} from 'node:fs';
import {startDevServer} from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import devServerConfig from '../web-dev-server.config.mjs';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'screenshots');
const scale = Number(process.env.SCALE) || 1;

if (!existsSync(join(root, 'dist', 'define.js')) || !existsSync(join(root, 'dist', 'parley.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

/** A TCP port nobody listens on right now. */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** True once the thread inside <parley-comments> shows at least `n` comments, all rendered. */
function commentsRendered(n) {
  const thread = document.querySelector('parley-comments')?.shadowRoot?.querySelector('parley-thread');
  const items = thread?.shadowRoot?.querySelectorAll('parley-comment') ?? [];
  const form = document.querySelector('parley-comments')?.shadowRoot?.querySelector('parley-form');
  return (
    items.length >= n &&
    [...items].every((c) => c.shadowRoot?.querySelector('article')) &&
    !!form?.shadowRoot?.querySelector('textarea')
  );
}

const port = await freePort();
const server = await startDevServer({
  config: {
    ...devServerConfig,
    port,
    hostname: '127.0.0.1',
    open: false,
    // Everything of `npm start` except its banner.
    plugins: (devServerConfig.plugins ?? []).filter((p) => p.name !== 'parley-demo-urls'),
  },
  readCliArgs: false,
  readFileConfig: false,
  autoExitProcess: false,
  logStartMessage: false,
});
const base = `http://127.0.0.1:${port}`;

const userDataDir = await mkdtemp(join(tmpdir(), 'parley-shot-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  userDataDir,
  args: CHROMIUM_ARGS,
});

const problems = [];

/** Scrolls to the comments (they load lazily, as a reader nears them) and waits for them. */
async function showComments(page) {
  // demo.js mounts it after its imports, which may finish after the load event.
  await page.waitForSelector('parley-comments', {timeout: 15000});
  await page.$eval('parley-comments', (el) => el.scrollIntoView());
  await page.waitForFunction(commentsRendered, {timeout: 15000, polling: 100}, 6);
  await page.evaluate(() => scrollTo(0, 0));
}

async function openPage(path, width, scheme = process.env.COLOR_SCHEME || 'light') {
  const page = await browser.newPage();
  page.on('console', (m) => {
    // The dev server resolves Lit's development build, which says so once per page.
    if (/Lit is in dev mode/.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`${path} console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path} page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${path} request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${path} HTTP ${r.status()}: ${r.url()}`);
  });
  await page.setViewport({width, height: 900, deviceScaleFactor: scale});
  await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
  await page.goto(`${base}${path}`, {waitUntil: 'load'});
  return page;
}

/**
 * Makes the viewport as tall as the page, once its fonts are in: comments outside it would
 * not be rendered (content-visibility: auto) and would come out blank.
 */
async function fitToPage(page, width) {
  await page.evaluate(() => document.fonts.ready);
  await page.setViewport({
    width,
    height: await page.evaluate(() => document.documentElement.scrollHeight),
    deviceScaleFactor: scale,
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

let failed = false;
try {
  await mkdir(outDir, {recursive: true});

  for (const width of [375, 1280]) {
    const page = await openPage('/demo/', width);
    await showComments(page);
    await fitToPage(page, width);
    const file = join(outDir, `demo-${width}.png`);
    await page.screenshot({path: file, fullPage: true});
    console.log(`wrote ${file}`);
    if (width === 1280) {
      // The element with a margin of page around it.
      const box = await page.$eval('parley-comments', (el) => {
        const r = el.getBoundingClientRect();
        return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
      });
      const m = 24;
      const sectionFile = join(outDir, 'comments-1280.png');
      await page.screenshot({
        path: sectionFile,
        captureBeyondViewport: true,
        clip: {x: Math.max(0, box.x - m), y: Math.max(0, box.y - m), width: box.width + 2 * m, height: box.height + 2 * m},
      });
      console.log(`wrote ${sectionFile}`);
    }
    await page.close();
  }

  // The comment section on the page in dark mode: the widget follows the page's colours.
  {
    const page = await openPage('/demo/', 1280, 'dark');
    await showComments(page);
    const section = await page.$('parley-comments');
    const darkFile = join(outDir, 'comments-1280-dark.png');
    await section.screenshot({path: darkFile, captureBeyondViewport: true});
    console.log(`wrote ${darkFile}`);
    await page.close();
  }

  // A German page and an Arabic (right-to-left) one, each with a start of a comment typed.
  for (const [lang, typed] of [
    ['de', 'Gute Idee, aber'],
    ['ar', 'فكرة جيدة، لكن'],
  ]) {
    for (const width of [375, 1280]) {
      const page = await openPage(`/demo/i18n.html?lang=${lang}`, width);
      await page.waitForSelector('parley-comments', {timeout: 15000});
      await page.$eval('parley-comments', (el) => el.scrollIntoView());
      await page.waitForFunction(commentsRendered, {timeout: 15000, polling: 100}, 3);
      await page.evaluate((text) => {
        const form = document.querySelector('parley-comments').shadowRoot.querySelector('parley-form');
        const field = form.shadowRoot.querySelector('textarea');
        field.value = text;
        field.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
      }, typed);
      await fitToPage(page, width);
      const file = join(outDir, `i18n-${lang}-${width}.png`);
      // The viewport is the whole page already; fullPage would shift a right-to-left page sideways.
      await page.screenshot({path: file});
      console.log(`wrote ${file}`);
      await page.close();
    }
  }

  // The script-tag page: the widget mounts itself after the <script> under a strict CSP.
  const embed = await openPage('/demo/embed.html', 375);
  await embed.waitForFunction(
    () => {
      const thread = document.querySelector('script[data-thread] + parley-comments')?.shadowRoot?.querySelector('parley-thread');
      return !!thread?.shadowRoot?.querySelector('ol, p.state:not([role="status"])');
    },
    {timeout: 15000, polling: 100}
  );
  console.log('demo/embed.html: the script tag mounted <parley-comments>');
  await embed.close();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  await server.stop();
  await rm(userDataDir, {recursive: true, force: true});
}

if (problems.length) {
  failed = true;
  console.error(`Problems seen in the pages:\n  ${problems.join('\n  ')}`);
}
process.exit(failed ? 1 : 0);
