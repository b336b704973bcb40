// Screenshots of the console for server/README.md: the queue, a comment open, the reported
// queue, the banned authors and the audit log, at 1280 and 375 px, light and dark, against
// a spawned parley-server with a few plausible comments.   node --import tsx server/test/browser/screenshots.ts
import {randomBytes} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Page} from 'puppeteer-core';
import {ADMIN_TOKEN, consoleRig, rows, signIn, waitFor} from './rig.js';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
mkdirSync(OUT, {recursive: true});

const rig = await consoleRig({SITE_URL: 'https://news.example'});
try {
  const budget = '/news/2026/city-budget-vote';
  const trains = '/news/2026/night-trains-return';
  const first = await rig.post(
    budget,
    'Priya S',
    'The council keeps promising that the library hours will not be cut, and then the budget quietly moves the money into road resurfacing. Can someone from the paper ask which branches are affected?',
    {email: 'priya.s@example.org'}
  );
  await approve(first.id);
  await rig.post(
    budget,
    'Tom Okafor',
    'Priya, the table on page 14 of the draft lists the branches: Eastside and Millbrook lose their Saturday hours. It is in the appendix, not in the summary.',
    {email: 'tom.okafor@example.net', parentId: first.id}
  );
  await rig.post(
    trains,
    'Marta',
    'Took the first night train to Vienna last week. Slept well, arrived rested, and it cost less than the flight plus the hotel. More of these, please, and with bike spaces.',
    {email: 'marta@example.com'}
  );
  const spam = await rig.post(
    trains,
    'cheap-pills-4u',
    'GREAT ARTICLE!!! Visit my site for the best deals on watches and pills, fast shipping worldwide, discreet package, click now!!!',
    {email: 'sales@spam.example'}
  );
  await rig.post(
    budget,
    'Lena Fischer',
    'I was at the meeting. The vote was postponed to March because two members were missing, so nothing is decided yet, whatever the headline says.',
    {email: 'lena.f@example.org'}
  );

  const rude = await rig.post(
    trains,
    'Greg H',
    'Anyone who still flies to Vienna is an idiot and should be ashamed. The people defending airlines in these comments are paid shills, every one of them.',
    {email: 'greg.h@example.com'}
  );
  await approve(rude.id);
  for (const [reason, note] of [
    ['abuse', 'Calls other readers idiots and shills.'],
    ['abuse', null],
    ['off_topic', null],
  ] as const)
    await report(trains, rude.id, reason, note);
  await admin('/bans', {commentId: spam.id});
  await admin('/bans', {email: 'troll@example.net', shadow: true});

  const {page} = await rig.open();
  await signIn(page);
  await rows(page, 4);
  // One action beforehand, so that the audit log has something to show.
  for (const width of [1280, 375]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewport({width, height: width > 600 ? 860 : 812, deviceScaleFactor: 1});
      await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
      await show(page, '1');
      await rows(page, 4);
      await page.focus('pierce/article[data-index="0"]');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `console-queue-${width}-${scheme}`);
      await page.focus('pierce/article[data-index="1"]');
      await page.keyboard.press('o');
      await waitFor(page, 'article.open');
      await page.$eval('pierce/article.open', (el) => el.scrollIntoView({block: 'center'}));
      await shot(page, `console-comment-${width}-${scheme}`);
      await page.keyboard.press('o');
      await show(page, '2');
      await waitFor(page, 'parley-console-queue[status="reported"]');
      await rows(page, 1);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `console-reported-${width}-${scheme}`);
      await show(page, '5');
      await waitFor(page, 'ol[aria-label^="Banned"][aria-busy="false"] li .target');
      await shot(page, `console-bans-${width}-${scheme}`);
      await show(page, '6');
      await waitFor(page, 'ol[aria-label^="Audit log"][aria-busy="false"] time');
      await shot(page, `console-audit-${width}-${scheme}`);
    }
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await rig.close();
}

async function approve(id: string): Promise<void> {
  const res = await fetch(`${rig.server.api}/admin/comments/${id}/approve`, {
    method: 'POST',
    headers: {Authorization: `Bearer ${ADMIN_TOKEN}`},
  });
  if (!res.ok) throw new Error(`approve: ${res.status}`);
}

async function admin(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${rig.server.api}/admin${path}`, {
    method: 'POST',
    headers: {Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
}

/** A report by a new reader. */
async function report(thread: string, id: string, reason: string, note: string | null): Promise<void> {
  const res = await fetch(`${rig.server.api}/threads/${encodeURIComponent(thread)}/comments/${id}/reports`, {
    method: 'PUT',
    headers: {'Content-Type': 'application/json', 'X-Parley-Author': randomBytes(32).toString('base64url')},
    body: JSON.stringify({reason, note}),
  });
  if (!res.ok) throw new Error(`report: ${res.status}`);
}

async function show(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key as '1');
}

async function shot(page: Page, name: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  await page.screenshot({path: `${OUT}${name}.png`});
}
