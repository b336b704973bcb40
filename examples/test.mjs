// Opens each built example (examples/<name>/dist, from build.mjs) in headless Chromium, posts a
// comment through the widget, and checks that the comment shows in the thread and that the
// framework's own handler received `parley-posted`. Prints `N passed, N failed`; exits 1 on
// any failure.
//   node examples/test.mjs [react|vue|svelte|html …]
// CHROME_PATH overrides /usr/bin/chromium.
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {extname, join, normalize, sep} from 'node:path';
import puppeteer from 'puppeteer-core';
import {examples, examplesDir} from './link.mjs';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../scripts/chromium.mjs';

const headings = {
  react: 'Reader Comments (React)',
  vue: 'Reader Comments (Vue)',
  svelte: 'Reader Comments (Svelte)',
  html: 'Reader Comments (HTML)',
};
const NAME = 'Priya S';
const BODY = 'Night trains are back, and this comment is long enough to pass the minimum of fifty.';
const TIMEOUT = 10_000;

const names = process.argv.slice(2).length ? process.argv.slice(2) : examples;
for (const name of names) {
  if (!examples.includes(name)) throw new Error(`unknown example: ${name}`);
  if (!existsSync(join(examplesDir, name, 'dist', 'index.html'))) {
    throw new Error(`examples/${name}/dist is missing: run \`npm run examples:build\` first.`);
  }
}

// Serves examples/<name>/dist at /<name>/ on 127.0.0.1.
const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml'};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const [, name, ...rest] = path.split('/');
  const root = join(examplesDir, name ?? '', 'dist');
  let file = normalize(join(root, ...rest));
  if (!examples.includes(name) || (file !== root && !file.startsWith(root + sep))) {
    res.writeHead(404).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store'});
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDataDir = mkdtempSync(join(tmpdir(), 'parley-examples-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  userDataDir,
  args: CHROMIUM_ARGS,
});

/** Posts a comment in one example; throws with a reason when anything is missing. */
async function check(name) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  try {
    await page.goto(`${origin}/${name}/`, {waitUntil: 'load', timeout: TIMEOUT});

    // parley-comments → shadowRoot → parley-form → shadowRoot → fields.
    const field = (selector) =>
      page.waitForFunction(
        (selector) =>
          document
            .querySelector('parley-comments')
            ?.shadowRoot?.querySelector('parley-form')
            ?.shadowRoot?.querySelector(selector),
        {timeout: TIMEOUT},
        selector
      );
    const nameInput = await field('input[name=name]');
    const textarea = await field('textarea');
    const submit = await field('button[type=submit]');

    // The framework passed objects as properties (strings has no attribute at all).
    const props = await page.evaluate(() => {
      const el = document.querySelector('parley-comments');
      return {
        adapter: typeof el.adapter === 'object' && el.adapter !== null && typeof el.adapter.post === 'function',
        heading: el.shadowRoot.querySelector('h2')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
      };
    });
    if (!props.adapter) throw new Error('the adapter property is not the MemoryAdapter object');
    if (!props.heading.startsWith(headings[name])) {
      throw new Error(`the strings property did not arrive: heading is "${props.heading}"`);
    }

    // The (empty) thread has loaded: the heading shows the count only once it has.
    await page.waitForFunction(() => document.querySelector('parley-comments').shadowRoot.querySelector('[part=count]'), {
      timeout: TIMEOUT,
    });
    const before = await page.evaluate(
      () =>
        document
          .querySelector('parley-comments')
          .shadowRoot.querySelector('parley-thread')
          ?.shadowRoot?.querySelectorAll('parley-comment').length ?? 0
    );
    if (before !== 0) throw new Error(`the thread starts with ${before} comments, not 0`);

    await nameInput.type(NAME);
    await textarea.type(BODY);
    await submit.click();

    // parley-thread → shadowRoot → parley-comment with the server's copy (not the optimistic one).
    const posted = await page.waitForFunction(
      (body) => {
        const thread = document.querySelector('parley-comments').shadowRoot.querySelector('parley-thread');
        const comment = [...(thread?.shadowRoot?.querySelectorAll('parley-comment') ?? [])].find(
          (c) => c.comment?.body === body && !c.sending && !c.comment.id.startsWith('sending:')
        );
        return (
          comment && {id: comment.comment.id, name: comment.comment.author.name, text: comment.shadowRoot?.textContent ?? ''}
        );
      },
      {timeout: TIMEOUT},
      BODY
    );
    const comment = await posted.jsonValue();
    if (comment.name !== NAME) throw new Error(`the comment's author is "${comment.name}"`);
    if (!comment.text.includes(BODY)) throw new Error('the comment text is not rendered in parley-comment');

    // The framework's handler of parley-posted wrote the id into the app's own DOM.
    const expected = `Posted: ${comment.id}`;
    try {
      await page.waitForFunction(
        (expected) => document.getElementById('posted')?.textContent.trim() === expected,
        {timeout: TIMEOUT},
        expected
      );
    } catch {
      const text = await page.evaluate(() => document.getElementById('posted')?.textContent.trim());
      throw new Error(`the app did not receive parley-posted: #posted says "${text}", expected "${expected}"`);
    }
    if (problems.length) throw new Error(problems.join('; '));
    return comment.id;
  } catch (error) {
    if (problems.length && !String(error.message).includes(problems[0])) error.message += ` (${problems.join('; ')})`;
    throw error;
  } finally {
    await page.close();
  }
}

let passed = 0;
let failed = 0;
try {
  for (const name of names) {
    const started = performance.now();
    try {
      const id = await check(name);
      passed++;
      console.log(`ok   ${name.padEnd(7)} posted ${id} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name.padEnd(7)} ${error.message}`);
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(userDataDir, {recursive: true, force: true});
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
