// What the console's browser test and its screenshots share: parley-server spawned on
// 127.0.0.1 with the console on, Debian's Chromium driven by puppeteer-core, comments
// posted through the API, and axe-core run on the page as it is.
import {randomUUID} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';
import type {Browser, Page} from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../../../scripts/chromium.mjs';
import {spawnServer} from '../spawn.js';
import type {SpawnedServer} from '../spawn.js';

export const ADMIN_TOKEN = 'browser-admin-token-0123456789';
export const LONG = 'enough words to pass the minimum length of fifty characters, as the server asks.';

export interface ConsoleRig {
  server: SpawnedServer;
  browser: Browser;
  /** Posts a comment as a reader; pending (MODERATION=pending). */
  post(
    thread: string,
    name: string,
    body: string,
    extra?: {email?: string; parentId?: string; author?: string}
  ): Promise<{id: string; author: string}>;
  /** The public list of a thread. */
  list(thread: string): Promise<{comments: {id: string}[]; total: number}>;
  /** A new page, its CSP violations and page errors collected. */
  open(path?: string): Promise<{page: Page; problems: string[]}>;
  close(): Promise<void>;
}

/** parley-server with the console on; `script` another command around it (the demo, with its article). */
export async function consoleRig(env: Record<string, string> = {}, script?: string): Promise<ConsoleRig> {
  const server = await spawnServer({
    env: {ADMIN_TOKEN, MODERATION: 'pending', RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0', ...env},
    ...(script ? {script} : {}),
  });
  const userDataDir = mkdtempSync(join(tmpdir(), 'parley-console-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({executablePath: CHROMIUM_PATH, headless: true, userDataDir, args: CHROMIUM_ARGS});
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    async post(thread, name, body, {email, parentId, author} = {}) {
      const res = await fetch(`${server.api}/threads/${encodeURIComponent(thread)}/comments`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
          ...(author ? {'X-Parley-Author': author} : {}),
        },
        body: JSON.stringify({author: {name, email: email ?? null}, body, parentId: parentId ?? null}),
      });
      if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
      return {id: ((await res.json()) as {id: string}).id, author: res.headers.get('x-parley-author')!};
    },
    async list(thread) {
      const res = await fetch(`${server.api}/threads/${encodeURIComponent(thread)}/comments?limit=200`);
      return (await res.json()) as {comments: {id: string}[]; total: number};
    },
    async open(path = '/admin') {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      page.on('console', (m) => {
        // A 401 or 429 answer is logged by the browser too; those are the tests' own doing.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
      });
      await page.goto(`${server.url}${path}`, {waitUntil: 'load'});
      return {page, problems};
    },
    async close() {
      await browser.close();
      rmSync(userDataDir, {recursive: true, force: true});
      await server.stop();
    },
  };
}

/**
 * Waits until `selector` matches an element anywhere, shadow roots included (puppeteer's
 * own waiting watches the document's mutations, not those inside shadow roots).
 */
export async function waitFor(page: Page, selector: string, timeout = 10_000): Promise<void> {
  // A string, not a function: tsx would wrap the inner arrow in a helper the page lacks.
  const find = `const find = (root) => !!root.querySelector(sel) || [...root.querySelectorAll('*')].some((el) => !!el.shadowRoot && find(el.shadowRoot))`;
  await page.waitForFunction(`((sel) => { ${find}; return find(document); })(${JSON.stringify(selector)})`, {
    timeout,
    polling: 50,
  });
}

/** Waits until `text` shows anywhere on the page, shadow roots included. */
export async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  const find = `const find = (root) => (root.textContent ?? '').includes(t) || [...root.querySelectorAll('*')].some((el) => !!el.shadowRoot && find(el.shadowRoot))`;
  await page.waitForFunction(`((t) => { ${find}; return find(document); })(${JSON.stringify(text)})`, {timeout, polling: 100});
}

/** Signs in with the keyboard alone: the token typed, Enter. */
export async function signIn(page: Page, token = ADMIN_TOKEN): Promise<void> {
  await waitFor(page, 'input[name="token"]');
  await page.focus('pierce/input[name="token"]');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await waitFor(page, 'nav[aria-label="Queues"]');
}

/** Waits until the queue shows `n` rows (and is not loading). */
export async function rows(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const queue = document.querySelector('parley-console')?.shadowRoot?.querySelector('parley-console-queue');
      const list = queue?.shadowRoot?.querySelector('ol');
      return list?.getAttribute('aria-busy') === 'false' && list.querySelectorAll('article').length === count;
    },
    {timeout: 10_000},
    n
  );
}

/** The status line's text. */
export const status = (page: Page) =>
  page.evaluate(() => document.querySelector('parley-console')?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is (injected through the DevTools protocol, which the CSP does not govern). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {axe: {run(): Promise<{violations: {id: string; help: string; nodes: {target: unknown}[]}[]}>}}
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
}
