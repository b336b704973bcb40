// The console end to end, in headless Chromium against a spawned parley-server: signing
// in, approving and deleting with the keyboard, bulk-approving 100 comments, XSS through
// every displayed field, framing refused, signing out, and axe on every screen.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'puppeteer-core';
import {fileURLToPath} from 'node:url';
import {ADMIN_TOKEN, LONG, axeViolations, consoleRig, rows, signIn, status, waitFor, waitForText} from './rig.js';
import type {ConsoleRig} from './rig.js';
import {randomBytes, randomUUID} from 'node:crypto';

const thread = (label: string) => `server-test/${label}/${randomUUID()}`;

describe('console in Chromium', () => {
  let rig: ConsoleRig;
  let page: Page;
  let problems: string[];
  before(async () => {
    rig = await consoleRig();
    ({page, problems} = await rig.open());
  });
  after(async () => {
    await rig?.close();
  });

  const press = async (...keys: string[]) => {
    for (const k of keys) await page.keyboard.press(k as Parameters<Page['keyboard']['press']>[0]);
  };
  const reload = async (n: number) => {
    await page.click('pierce/.bulk button:last-of-type');
    await rows(page, n);
  };
  /** Waits until the queue's `selector` holds `text`. */
  const queueSays = (selector: string, text: string) =>
    page.waitForFunction(
      (sel, t) =>
        document
          .querySelector('parley-console')
          ?.shadowRoot?.querySelector('parley-console-queue')
          ?.shadowRoot?.querySelector(sel)
          ?.textContent?.includes(t),
      {},
      selector,
      text
    );
  /** Waits until the queue has no `selector`. */
  const queueLacks = (selector: string) =>
    page.waitForFunction(
      (sel) =>
        !document
          .querySelector('parley-console')
          ?.shadowRoot?.querySelector('parley-console-queue')
          ?.shadowRoot?.querySelector(sel),
      {},
      selector
    );
  const focusFirstRow = async () => {
    await page.focus('pierce/article[data-index="0"]');
  };

  it('a wrong token is refused with a message; axe finds nothing on the sign-in screen', async () => {
    assert.deepEqual(await axeViolations(page), []);
    await waitFor(page, 'input[name="token"]');
    const input = await page.$('pierce/input[name="token"]');
    await input!.focus();
    await page.keyboard.type('not-the-token-at-all');
    await press('Enter');
    await page.waitForFunction(() =>
      document
        .querySelector('parley-console')
        ?.shadowRoot?.querySelector('[role="alert"]')
        ?.textContent?.includes('not the admin token')
    );
    await input!.evaluate((el) => ((el as HTMLInputElement).value = ''));
  });

  it('signs in, approves a pending comment with the keyboard, and readers see it', async () => {
    const t = thread('browser-approve');
    const made = await rig.post(t, 'Priya S', `Please approve me: ${LONG}`, {email: 'priya@example.org'});
    await signIn(page);
    await rows(page, 1);
    assert.deepEqual(await axeViolations(page), [], 'the pending queue');
    await focusFirstRow();
    await press('o');
    await waitFor(page, 'article.open');
    assert.deepEqual(await axeViolations(page), [], 'a comment open');
    await press('a');
    await rows(page, 0);
    assert.match(await status(page), /Approved 1 comment\./);
    assert.deepEqual(
      (await rig.list(t)).comments.map((c) => c.id),
      [made.id]
    );
  });

  it('deletes with d and a confirmation, with the reply; nothing is deleted when cancelled', async () => {
    const t = thread('browser-delete');
    const parent = await rig.post(t, 'Ann', `Delete me: ${LONG}`);
    await rig.post(t, 'Ann', `My own reply: ${LONG}`, {parentId: parent.id, author: parent.author});
    await reload(2);
    await focusFirstRow();
    await press('d');
    await waitFor(page, 'dialog[open]');
    assert.deepEqual(await axeViolations(page), [], 'the confirmation');
    await press('Escape');
    await queueLacks('dialog[open]');
    await rows(page, 2);
    await press('d');
    await waitFor(page, 'dialog[open]');
    await press('Enter');
    await rows(page, 0);
    assert.match(await status(page), /Deleted 1 comment and 1 reply\./);
    const queue = await fetch(`${rig.server.api}/admin/queue?thread=${encodeURIComponent(t)}`, {
      headers: {Authorization: `Bearer ${ADMIN_TOKEN}`},
    });
    assert.deepEqual(((await queue.json()) as {counts: unknown}).counts, {pending: 0, published: 0, rejected: 0, reported: 0});
  });

  it('bulk: selects 100 pending comments and approves them at once', async () => {
    const t = thread('browser-bulk');
    for (let i = 0; i < 100; i++) await rig.post(t, `Reader ${i}`, `Number ${i}: ${LONG}`);
    await reload(100);
    await page.click('pierce/.select-all input');
    await queueSays('.count', '100 selected');
    await page.click('pierce/.bulk button.primary');
    await rows(page, 0);
    assert.match(await status(page), /Approved 100 comments\./);
    assert.equal((await rig.list(t)).total, 100);
  });

  it('x selects with the keyboard; j and k move; the published queue and the audit log pass axe', async () => {
    const t = thread('browser-keys');
    for (const n of ['One', 'Two', 'Three']) await rig.post(t, n, `${n}: ${LONG}`);
    await reload(3);
    await focusFirstRow();
    await press('j', 'x', 'j', 'x', 'k');
    const state = await page.evaluate(() => {
      const root = document.querySelector('parley-console')!.shadowRoot!.querySelector('parley-console-queue')!.shadowRoot!;
      return {
        selected: [...root.querySelectorAll('article.selected .name')].map((e) => e.textContent),
        focused: root.activeElement?.querySelector('.name')?.textContent,
      };
    });
    assert.deepEqual(state, {selected: ['Two', 'Three'], focused: 'Two'});
    await press('a');
    await rows(page, 1);
    assert.equal((await rig.list(t)).total, 2);
    await press('3');
    await waitFor(page, 'parley-console-queue[status="published"]');
    await page.waitForFunction(() => {
      const list = document
        .querySelector('parley-console')
        ?.shadowRoot?.querySelector('parley-console-queue')
        ?.shadowRoot?.querySelector('ol');
      return list?.getAttribute('aria-busy') === 'false' && list.querySelectorAll('article').length > 0;
    });
    assert.deepEqual(await axeViolations(page), [], 'the published queue');
    await press('6');
    await waitFor(page, 'ol[aria-label^="Audit log"][aria-busy="false"] time');
    assert.deepEqual(await axeViolations(page), [], 'the audit log');
    const text = await page.$eval('pierce/ol[aria-label^="Audit log"]', (el) => el.textContent ?? '');
    assert.match(text, /approved/);
    await press('1');
    await rows(page, 1);
  });

  it('XSS: markup in the name, e-mail, body, thread id and parent renders as text, and runs nothing', async () => {
    const evil = (n: number) => `<img src=x onerror="window.__xss=${n}"><script>window.__xss=${n}</script>`;
    const t = `${evil(1)}/javascript:alert(1)`;
    const parent = await rig.post(t, evil(2), `${evil(3)} ${LONG}`, {email: `x"><img/src=x/onerror=window.__xss=4>@example.org`});
    await rig.post(t, evil(5), `${evil(6)} ${LONG}`, {parentId: parent.id, author: parent.author});
    await rig.post('javascript:alert(document.domain)', 'Linkless', `A thread id that is a javascript: URL. ${LONG}`);
    await reload(4);
    await page.focus('pierce/article[data-index="1"]');
    await press('o');
    await waitFor(page, 'article.open');
    const found = await page.evaluate(() => {
      const root = document.querySelector('parley-console')!.shadowRoot!.querySelector('parley-console-queue')!.shadowRoot!;
      return {
        xss: (window as unknown as {__xss?: number}).__xss ?? null,
        images: root.querySelectorAll('img, script').length,
        text: root.querySelector('ol')!.textContent,
        links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      };
    });
    assert.equal(found.xss, null);
    assert.equal(found.images, 0);
    for (const n of [1, 2, 3, 5, 6])
      assert.ok(found.text.includes(`<img src=x onerror="window.__xss=${n}">`), `field ${n} shown as text`);
    assert.ok(found.text.includes('x"><img/src=x/onerror=window.__xss=4>@example.org'), found.text);
    assert.deepEqual(found.links, [], 'no thread id here is an http(s) URL or a path: no link');
    // The audit log shows the thread id too, once approved.
    await page.focus('pierce/article[data-index="1"]');
    await press('a');
    await rows(page, 3);
    await press('6');
    await waitFor(page, 'ol[aria-label^="Audit log"][aria-busy="false"] time');
    const audit = await page.$eval('pierce/ol[aria-label^="Audit log"]', (el) => ({
      text: el.textContent,
      images: el.querySelectorAll('img').length,
    }));
    assert.ok(audit.text.includes('<img src=x onerror="window.__xss=1">'));
    assert.equal(audit.images, 0);
    assert.equal(await page.evaluate(() => (window as unknown as {__xss?: number}).__xss ?? null), null);
    await press('1');
    await rows(page, 3);
  });

  it('links a thread that is a path or an http(s) URL to its article, opening safely', async () => {
    await rig.post('/news/2026/the-article', 'Path', `A thread id that is a path. ${LONG}`);
    await rig.post('https://news.example/story?id=1', 'Url', `A thread id that is a URL. ${LONG}`);
    await reload(5);
    const links = await page.evaluate(() =>
      [
        ...document
          .querySelector('parley-console')!
          .shadowRoot!.querySelector('parley-console-queue')!
          .shadowRoot!.querySelectorAll('a'),
      ].map((a) => [a.getAttribute('href'), a.rel, a.target])
    );
    assert.deepEqual(links, [
      [`${rig.server.url}/news/2026/the-article`, 'noopener noreferrer nofollow', '_blank'],
      ['https://news.example/story?id=1', 'noopener noreferrer nofollow', '_blank'],
    ]);
  });

  it('rejects with r (kept, hidden, in the rejected queue) and restores with u', async () => {
    const t = thread('browser-reject');
    const made = await rig.post(t, 'Spammer', `Buy now, buy now: ${LONG}`);
    await reload(6);
    await page.focus('pierce/article[data-index="5"]');
    await press('r');
    await rows(page, 5);
    assert.match(await status(page), /Rejected 1 comment\./);
    assert.equal((await rig.list(t)).total, 0);
    await press('4');
    await waitFor(page, 'parley-console-queue[status="rejected"]');
    await rows(page, 1);
    assert.deepEqual(await axeViolations(page), [], 'the rejected queue');
    await focusFirstRow();
    await press('u');
    await rows(page, 0);
    assert.match(await status(page), /Restored 1 comment\./);
    await press('1');
    await rows(page, 6);
    const queue = await fetch(`${rig.server.api}/admin/queue?thread=${encodeURIComponent(t)}`, {
      headers: {Authorization: `Bearer ${ADMIN_TOKEN}`},
    });
    const back = (await queue.json()) as {comments: {id: string}[]};
    assert.deepEqual(
      back.comments.map((c) => c.id),
      [made.id]
    );
  });

  it('closes and reopens a thread from its filtered queue; readers are refused while it is closed', async () => {
    const t = thread('browser-close');
    await rig.post(t, 'Closer', `Waiting here: ${LONG}`);
    await page.focus('pierce/input[name="thread"]');
    await page.keyboard.type(t);
    await press('Enter');
    await rows(page, 1);
    await waitFor(page, '.thread-state');
    assert.deepEqual(await axeViolations(page), [], 'a thread filtered, with its state');
    await page.click('pierce/.thread-state button');
    await queueSays('.thread-state', 'closed.');
    const page1 = await rig.list(t);
    assert.equal((page1 as {closed?: boolean}).closed, true);
    await assert.rejects(rig.post(t, 'Late', `Too late: ${LONG}`), /post: 403 .*"closed"/);
    await page.click('pierce/.thread-state button');
    await queueSays('.thread-state', 'open for comments');
    await rig.post(t, 'Later', `Open again: ${LONG}`);
    // Back to every thread.
    await page.$eval('pierce/input[name="thread"]', (el) => ((el as HTMLInputElement).value = ''));
    await page.click('pierce/form.filters button[type="submit"]');
    await queueLacks('.thread-state');
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${rig.server.api}/admin${path}`, {
      method,
      headers: {Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? {'Content-Type': 'application/json'} : {})},
      body: body ? JSON.stringify(body) : undefined,
    });
  /** A published comment: posted, then approved with the bearer API. */
  const published = async (t: string, name: string, body: string) => {
    const made = await rig.post(t, name, body, {email: `${name.toLowerCase()}@example.org`});
    assert.equal((await admin('POST', `/comments/${made.id}/approve`)).status, 200);
    return made;
  };
  const readerList = async (t: string, token?: string) => {
    const res = await fetch(`${rig.server.api}/threads/${encodeURIComponent(t)}/comments`, {
      headers: token ? {'X-Parley-Author': token} : {},
    });
    return ((await res.json()) as {comments: {id: string}[]}).comments.map((c) => c.id);
  };
  const says = (text: string) =>
    page.waitForFunction(
      (t) => document.querySelector('parley-console')?.shadowRoot?.querySelector('.arrivals')?.textContent?.includes(t),
      {},
      text
    );

  it('live: a comment a reader posts while the console is open appears, with a polite announcement and the count', async () => {
    // The console has caught up with what the tests before posted (their own live updates).
    const queue = await admin('GET', '/queue?limit=1');
    const before = ((await queue.json()) as {counts: {pending: number}}).counts.pending;
    await rows(page, before);
    await rig.post(thread('browser-live'), 'Arriving', `Posted while the moderator watches: ${LONG}`);
    await rows(page, before + 1);
    await waitForText(page, 'Posted while the moderator watches');
    await says('new pending comment');
    const badge = await page.$eval('pierce/nav button[aria-current="page"] .badge', (el) => el.textContent);
    assert.equal(badge, String(before + 1));
    assert.equal(
      await page.$eval('pierce/.arrivals', (el) => el.getAttribute('role')),
      'status',
      'announced in a polite live region'
    );
  });

  it('reported queue: three readers’ reports bring a published comment there, live, with reasons; keeping it clears them', async () => {
    const t = thread('browser-reported');
    const made = await published(t, 'Reported', `Some readers dislike this: ${LONG}`);
    for (const [reason, note] of [
      ['abuse', 'Insults another reader.'],
      ['abuse', null],
      ['spam', null],
    ] as const) {
      const token = randomBytes(32).toString('base64url');
      const res = await fetch(`${rig.server.api}/threads/${encodeURIComponent(t)}/comments/${made.id}/reports`, {
        method: 'PUT',
        headers: {'Content-Type': 'application/json', 'X-Parley-Author': token},
        body: JSON.stringify({reason, note}),
      });
      assert.equal(res.status, 200);
    }
    await says('1 newly reported comment.');
    await press('2');
    await waitFor(page, 'parley-console-queue[status="reported"]');
    await rows(page, 1);
    await queueSays('.reports', 'Reported by 3 readers');
    await queueSays('.reports', 'spam ×1, abuse ×2');
    await queueSays('.reports', 'Insults another reader.');
    assert.deepEqual(await axeViolations(page), [], 'the reported queue');
    await page.click('pierce/article .actions button.primary');
    await rows(page, 0);
    assert.match(await status(page), /Kept 1 comment\. They stay published; their reports are cleared\./);
    assert.deepEqual(await readerList(t), [made.id]);
  });

  it('bans with a shadow-ban from a comment: the author still sees their comment, other readers do not; the Banned screen unbans', async () => {
    const t = thread('browser-ban');
    const made = await published(t, 'Shadowy', `Shadow-ban my author: ${LONG}`);
    await press('3');
    await waitFor(page, 'parley-console-queue[status="published"]');
    await page.$eval('pierce/input[name="thread"]', (el, v) => ((el as HTMLInputElement).value = v), t);
    await page.click('pierce/form.filters button[type="submit"]');
    await rows(page, 1);
    await focusFirstRow();
    await press('b');
    await waitFor(page, 'dialog.ban[open]');
    assert.deepEqual(await axeViolations(page), [], 'the ban dialog');
    await page.click('pierce/dialog.ban input[value="shadow"]');
    await page.click('pierce/dialog.ban button[type="submit"]');
    await queueLacks('dialog.ban[open]');
    await queueSays('.tag', 'shadow-banned');
    assert.match(await status(page), /Shadow-banned the authors of 1 comment\./);
    assert.deepEqual(await readerList(t, made.author), [made.id], 'the author sees it');
    assert.deepEqual(await readerList(t, randomBytes(32).toString('base64url')), [], 'another reader does not');
    assert.deepEqual(await readerList(t), []);
    await press('5');
    await waitFor(page, 'parley-console-bans');
    await waitFor(page, 'ol[aria-label^="Banned"][aria-busy="false"] li .target');
    assert.deepEqual(await axeViolations(page), [], 'the banned list');
    const listed = await page.$eval('pierce/ol[aria-label^="Banned"]', (el) => el.textContent ?? '');
    assert.match(listed, /shadowy@example\.org/);
    assert.match(listed, /shadow-banned/);
    await page.click('pierce/.bulk[aria-label="Selected bans"] .select-all input');
    await page.click('pierce/.bulk[aria-label="Selected bans"] button');
    await waitFor(page, 'ol[aria-label^="Banned"][aria-busy="false"] li.empty');
    assert.match(await status(page), /Lifted 2 bans\./);
    assert.deepEqual(await readerList(t), [made.id], 'shown to everyone again');
    await press('1');
    await waitFor(page, 'parley-console-queue[status="pending"]');
    await page.$eval('pierce/input[name="thread"]', (el) => ((el as HTMLInputElement).value = ''));
    await page.click('pierce/form.filters button[type="submit"]');
  });

  it('framing is refused (frame-ancestors and X-Frame-Options)', async () => {
    const framer = await rig.browser.newPage();
    try {
      await framer.evaluate((src) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      }, `${rig.server.url}/admin`);
      const child = framer.frames().find((f) => f !== framer.mainFrame());
      assert.ok(child);
      const loaded = await child.evaluate(() => !!document.querySelector('parley-console')).catch(() => false);
      assert.equal(loaded, false, 'the console did not load in a frame');
    } finally {
      await framer.close();
    }
  });

  it('signs out: the session is over, and the page is back at the sign-in form', async () => {
    await page.click('pierce/.who button');
    await waitFor(page, 'input[name="token"]');
    await page.reload({waitUntil: 'load'});
    await waitFor(page, 'input[name="token"]');
    assert.deepEqual(problems, [], 'no script error and no CSP violation the whole time');
  });
});

describe('console and a reader, in Chromium', () => {
  let rig: ConsoleRig;
  before(async () => {
    // The demo: parley-server with an article page that mounts the widget (live).
    rig = await consoleRig({}, fileURLToPath(new URL('../../../demo/serve.mjs', import.meta.url)));
  });
  after(async () => {
    await rig?.close();
  });

  it('a comment approved in the console appears in a reader’s open page without a reload', async () => {
    const reader = await rig.open('/demo/');
    await reader.page.waitForSelector('script[data-thread]');
    const t = await reader.page.$eval('script[data-thread]', (el) => el.dataset.thread!);
    // The section loads as the reader nears it.
    await reader.page.$eval('#comments', (el) => el.scrollIntoView());
    await waitFor(reader.page, 'parley-comment');
    const body = `Approved while the reader watches: ${LONG}`;
    await rig.post(t, 'Watcher', body);
    const moderator = await rig.open();
    await signIn(moderator.page);
    await rows(moderator.page, 1);
    await moderator.page.focus('pierce/article[data-index="0"]');
    await moderator.page.keyboard.press('a');
    await rows(moderator.page, 0);
    await waitForText(reader.page, body);
    assert.deepEqual(moderator.problems, []);
  });
});
