import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia, executeServerCommand, sendKeys} from '@web/test-runner-commands';
import {ParleyError} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {createIdbDraftStore} from '../../src/drafts/draft-store.js';
import {ControlledAdapter, makeComment, parts, typeInto, uniqueThread, waitFor} from '../helpers.js';
import type {Parts} from '../helpers.js';
import {expectNoViolations} from './axe.js';

// axe-core (WCAG 2.0–2.2 A and AA) on every state a reader can reach, in the themes and
// directions the widget has; then what axe does not check: the focus ring, keyboard use
// and forced colours.

const FIFTY = `Fifty characters, enough to send: ${'x'.repeat(16)}`;
const COMMENTS = (thread: string) => [
  makeComment(thread, 1, {author: {name: 'Priya S'}, body: 'A thoughtful reply, with a link https://example.com/a and more.'}),
  makeComment(thread, 2, {author: {name: 'سارة Ahmed'}, body: 'مرحبا! This mixes Arabic and English, 2026.'}),
  makeComment(thread, 3, {author: {name: 'Jo'}, body: 'Awaiting a moderator.', status: 'pending'}),
];

/** A section on a page of its own colours, with a controlled backend. */
async function section(attrs: {theme?: string; locale?: string; drafts?: boolean; page?: string} = {}) {
  const adapter = new ControlledAdapter();
  const thread = uniqueThread('a11y');
  const page = await fixture<HTMLDivElement>(
    html`<div style=${attrs.page ?? 'background: #fff; color: #1f2328'}>
      <parley-comments
        .adapter=${adapter}
        thread=${thread}
        theme=${attrs.theme ?? ''}
        locale=${attrs.locale ?? 'en'}
        ?no-drafts=${!attrs.drafts}
        max-length="80"
        eager
      ></parley-comments>
    </div>`
  );
  if (!attrs.theme) page.querySelector('parley-comments')!.removeAttribute('theme');
  const p = parts(page.querySelector<ParleyComments>('parley-comments')!);
  await waitFor(() => p.el.shadowRoot!.querySelector('parley-form')?.shadowRoot?.querySelector('textarea'), 'the form');
  await waitFor(() => adapter.lists.length === 1, 'the first list');
  return {...p, page, adapter, threadId: thread};
}

async function loaded(s: Awaited<ReturnType<typeof section>>, comments = COMMENTS(s.threadId)) {
  s.adapter.lists[0].resolve({comments, nextCursor: null, total: comments.length});
  await waitFor(() => s.comments().length === comments.length, 'the comments');
  await settle(s);
}

/** Fills in the form and sends it; resolves once the backend was called. */
async function send(s: Awaited<ReturnType<typeof section>>, body = FIFTY) {
  typeInto(s.nameInput(), 'Priya S');
  typeInto(s.textarea(), body);
  const before = s.adapter.posts.length;
  s.submit().click();
  await waitFor(() => s.adapter.posts.length === before + 1, 'the post');
  return s.adapter.posts[before];
}

/** Emulates the system colour scheme; false where the browser cannot (Firefox over WebDriver BiDi). */
async function systemScheme(colorScheme: 'light' | 'dark'): Promise<boolean> {
  try {
    await emulateMedia({colorScheme});
    return true;
  } catch {
    return false;
  }
}

/** Every part rendered, and a frame for the colours. */
async function settle(p: Parts) {
  await p.el.updateComplete;
  await p.form().updateComplete;
  for (const c of p.comments()) await (c as HTMLElement & {updateComplete: Promise<unknown>}).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

describe('accessibility: axe finds nothing in any state', () => {
  afterEach(() => systemScheme('light'));

  it('loading', async () => {
    const s = await section();
    expect(s.threadText()).to.include('Loading comments');
    await expectNoViolations(s.page, 'loading');
  });

  it('empty', async () => {
    const s = await section();
    await loaded(s, []);
    expect(s.threadText()).to.include('No comments yet');
    await expectNoViolations(s.page, 'empty');
  });

  it('load error, with its retry button', async () => {
    const s = await section();
    s.adapter.lists[0].reject(new ParleyError('server', 'boom', {status: 500}));
    await waitFor(() => s.threadText().includes('could not be loaded'), 'the error');
    await settle(s);
    await expectNoViolations(s.page, 'load error');
  });

  it('comments shown: links, a pending badge, names and bodies in two directions', async () => {
    const s = await section();
    await loaded(s);
    await expectNoViolations(s.page, 'posted comments');
  });

  it('blocked: the minimum not met, the error said, the field marked invalid', async () => {
    const s = await section();
    await loaded(s);
    typeInto(s.nameInput(), 'Priya S');
    typeInto(s.textarea(), 'Too short');
    s.submit().click();
    await settle(s);
    expect(s.error()).to.include('at least 50 characters');
    expect(s.textarea().getAttribute('aria-invalid')).to.equal('true');
    await expectNoViolations(s.page, 'blocked');
  });

  it('sending, then pending moderation, then posted', async () => {
    const s = await section();
    await loaded(s);
    const first = await send(s);
    await settle(s);
    expect(s.submit().textContent.trim()).to.equal('Sending…');
    await expectNoViolations(s.page, 'sending');
    first.resolve({...makeComment(s.threadId, 9, {...first.input, parentId: null}), status: 'pending'});
    await waitFor(() => s.status() === 'Awaiting moderation', 'the pending note');
    await settle(s);
    await expectNoViolations(s.page, 'pending');

    const second = await send(s);
    second.resolve(makeComment(s.threadId, 10, {...second.input, parentId: null}));
    await waitFor(() => s.status() === 'Your comment was posted.', 'posted');
    await settle(s);
    await expectNoViolations(s.page, 'posted');
  });

  it('a post that failed: the server error said, the text kept', async () => {
    const s = await section();
    await loaded(s);
    (await send(s)).reject(new ParleyError('rate_limited', 'slow down', {retryAfter: 30}));
    await waitFor(() => s.error().includes('30 seconds'), 'the error');
    await settle(s);
    await expectNoViolations(s.page, 'post failed');
  });

  it('draft restored, with the version another tab wrote offered', async () => {
    const thread = uniqueThread('a11y-draft');
    const now = Date.now();
    await createIdbDraftStore().update([thread, ''], () => ({
      body: 'The draft this tab kept, restored after a reload of the page.',
      name: 'Priya S',
      updatedAt: now,
      other: {body: 'What the other tab wrote meanwhile, kept beside it.', name: 'Priya S', updatedAt: now},
    }));
    const el = await fixture<ParleyComments>(
      html`<parley-comments .adapter=${new MemoryAdapter()} thread=${thread} eager></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => p.textarea().value.startsWith('The draft this tab kept'), 'the draft restored');
    const said = p.form().shadowRoot!.querySelector('[role="status"].visually-hidden')!;
    await waitFor(() => said.textContent.trim() === 'Your unsent draft was restored.', 'the draft said to be restored');
    await waitFor(() => p.form().shadowRoot!.querySelector('[part="other-version"]'), 'the other version offered');
    await settle(p);
    await expectNoViolations(el, 'draft restored and other version');
  });

  for (const [theme, scheme] of [
    ['light', 'light'],
    ['dark', 'light'],
    ['auto', 'light'],
    ['auto', 'dark'],
  ] as const) {
    it(`theme="${theme}" with the system in ${scheme} mode: comments, the blocked form and its error`, async function () {
      if (!(await systemScheme(scheme)) && scheme === 'dark') this.skip();
      const s = await section({theme});
      await loaded(s);
      typeInto(s.nameInput(), 'Priya S');
      typeInto(s.textarea(), 'x'.repeat(81)); // over the maximum: the counter in the error colour
      s.submit().click();
      await settle(s);
      expect(s.error()).to.include('at most 80');
      await expectNoViolations(s.page, `theme ${theme}, ${scheme}`);
    });
  }

  it('right to left: Arabic, with English names and bodies', async () => {
    const s = await section({locale: 'ar'});
    await loaded(s);
    typeInto(s.textarea(), 'قصير');
    s.submit().click();
    await settle(s);
    expect(s.heading()).to.include('تعليقات القرّاء');
    await expectNoViolations(s.page, 'Arabic');
  });
});

/** WCAG contrast ratio of two `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const x = Number(v) / 255;
        return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('accessibility: colours on a dark page that does not say color-scheme: dark', () => {
  const DARK = 'background: rgb(17, 17, 17); color: rgb(238, 238, 238)';

  it('turns dark by itself: the outlined button and the error text keep 4.5:1, and axe finds nothing', async () => {
    const s = await section({page: DARK});
    await loaded(s);
    typeInto(s.nameInput(), 'Priya S');
    typeInto(s.textarea(), 'short');
    s.submit().click();
    await settle(s);
    const error = s.form().shadowRoot!.querySelector('.error')!;
    expect(s.submit().getAttribute('aria-disabled')).to.equal('true');
    expect(contrast(getComputedStyle(s.submit()).color, 'rgb(17, 17, 17)')).to.be.at.least(4.5);
    expect(contrast(getComputedStyle(error).color, 'rgb(17, 17, 17)')).to.be.at.least(4.5);
    await expectNoViolations(s.page, 'dark page without color-scheme');
  });

  it('follows the page when it toggles dark mode by a class on the root', async () => {
    const style = document.createElement('style');
    style.textContent = 'html.night body { background: rgb(20, 20, 24); color: rgb(230, 230, 230); }';
    document.head.append(style);
    try {
      const el = await fixture<ParleyComments>(
        html`<parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts eager></parley-comments>`
      );
      const section = () => el.shadowRoot!.querySelector('section')!;
      await waitFor(() => parts(el).form().shadowRoot?.querySelector('button'), 'the form');
      // Nothing opaque behind it and dark text: the page's own (light) scheme.
      await new Promise((r) => setTimeout(r, 100));
      expect(section().className).to.equal('');
      document.documentElement.classList.add('night');
      await waitFor(() => section().className === 'scheme-dark', 'dark after the class');
      expect(getComputedStyle(section()).colorScheme).to.equal('dark');
      document.documentElement.classList.remove('night');
      await waitFor(() => section().className === '', 'the page scheme again');
    } finally {
      document.documentElement.classList.remove('night');
      style.remove();
    }
  });
});

/** The element that has focus, inside shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

describe('accessibility: keyboard and focus', () => {
  afterEach(() => executeServerCommand('emulate-forced-colors', {active: false}));

  it('reaches every control with Tab; each focus ring is a solid 2 px outline, 3:1 on the page, never the error colour', async () => {
    const s = await section();
    await loaded(s);
    typeInto(s.textarea(), 'short');
    s.submit().click(); // the error shown, the field marked invalid: its ring must still not be red
    await settle(s);
    const danger = getComputedStyle(s.form().shadowRoot!.querySelector('.error')!).color;
    const before = document.createElement('button');
    before.textContent = 'before';
    s.page.prepend(before);
    // A control after the section: Tab lands there, not in the browser's own UI, which
    // would keep the keyboard from the next test file's page (Firefox).
    const after = document.createElement('button');
    after.textContent = 'after';
    s.page.append(after);
    before.focus();
    const reached: string[] = [];
    for (let i = 0; i < 20; i++) {
      await sendKeys({press: 'Tab'});
      const el = deepActive();
      if (!el || !inside(s.el, el)) break;
      const style = getComputedStyle(el);
      const what = `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}`;
      reached.push(what);
      expect(style.outlineStyle, what).to.equal('solid');
      expect(parseFloat(style.outlineWidth), what).to.be.at.least(2);
      expect(style.outlineColor, what).not.to.equal(danger);
      expect(contrast(style.outlineColor, 'rgb(255, 255, 255)'), what).to.be.at.least(3);
    }
    expect(deepActive(), 'Tab leaves the section for the next control').to.equal(after);
    expect(reached).to.include.members(['a', 'input[part=name-input]', 'textarea[part=textarea]', 'button[part=submit-button]']);
  });

  it('forced colours (Windows high contrast): buttons keep a border, the focus ring shows', async function () {
    // Chromium's emulation (test/server/forced-colors.mjs); Firefox cannot be asked to.
    if (!(await executeServerCommand('emulate-forced-colors', {active: true}))) this.skip();
    const s = await section();
    await loaded(s);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const button = s.submit();
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    const style = getComputedStyle(button);
    expect(style.borderTopStyle).to.equal('solid');
    expect(parseFloat(style.borderTopWidth)).to.be.at.least(1);
    s.nameInput().focus();
    await sendKeys({press: 'Tab'});
    const focused = deepActive()!;
    expect(focused, 'focus back on the textarea').to.equal(s.textarea());
    expect(getComputedStyle(focused).outlineStyle, `outline ${getComputedStyle(focused).outline}`).to.equal('solid');
    await expectNoViolations(s.page, 'forced colours');
  });
});

/** Whether `el` is inside `host`, across shadow roots. */
function inside(host: Element, el: Element): boolean {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === host) return true;
  return false;
}
