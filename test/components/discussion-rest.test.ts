import {expect} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {NewComment} from '../../src/adapters/adapter.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {uniqueThread, waitFor} from '../helpers.js';
import {BODY, deepActive, discussion, section} from './discussion-helpers.js';

// The discussion against the reference backend (parley-server behind /api/v1, see
// web-test-runner.config.mjs): real HTTP, real IndexedDB, real reloads.

const api = new RestAdapter({endpoint: '/api/v1'});
const input = (body = BODY, extra: Partial<NewComment> = {}): NewComment => ({author: {name: 'Ann'}, body, ...extra});
const key = () => crypto.randomUUID();

afterEach(() => {
  localStorage.removeItem('parley:sort');
  history.replaceState(null, '', location.pathname + location.search);
});

describe('the discussion on the reference backend', () => {
  it("a reply's draft survives a reload", async () => {
    const thread = uniqueThread('reply-reload');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 900px';
    frame.src = `/test/components/discussion-page.html?thread=${encodeURIComponent(thread)}`;
    const loaded = () => new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), {once: true}));
    const first = loaded();
    document.body.append(frame);
    try {
      await first;
      const page = () => discussion(frame.contentDocument!.querySelector<ParleyComments>('parley-comments')!);
      await page().click(c.id, 'reply');
      const field = await page().replyTextarea(c.id);
      field.focus();
      await sendKeys({type: 'A reply typed just before the reload'});
      const again = loaded();
      frame.contentWindow!.location.reload();
      await again;
      await page().click(c.id, 'reply');
      const restored = await page().replyTextarea(c.id);
      await waitFor(() => restored.value === 'A reply typed just before the reload', 'the reply draft after the reload');
    } finally {
      frame.remove();
    }
  });

  it('two reply forms open at once keep their own text', async () => {
    const thread = uniqueThread('two-replies');
    const a = await api.post(thread, input(), {idempotencyKey: key()});
    const b = await api.post(thread, input(), {idempotencyKey: key()});
    const d = await section(new RestAdapter({endpoint: '/api/v1'}), thread);
    await d.click(a.id, 'reply');
    const first = await d.replyTextarea(a.id);
    await waitFor(() => d.replyForm(a.id)!.shadowRoot!.contains(deepActive()), 'focus in the first');
    await d.click(b.id, 'reply');
    const second = await d.replyTextarea(b.id);
    await waitFor(() => d.replyForm(b.id)!.shadowRoot!.contains(deepActive()), 'focus in the second');
    first.focus();
    await sendKeys({type: 'To the first comment'});
    second.focus();
    await sendKeys({type: 'To the second comment'});
    expect([first.value, second.value]).to.deep.equal(['To the first comment', 'To the second comment']);
    // Posting one leaves the other as it is; the reply appears under its comment.
    d.replyForm(b.id)!.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Bo';
    second.value = `${BODY} To the second.`;
    second.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
    d.replyForm(b.id)!.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => d.ids().length === 3, 'the reply');
    expect(d.ids()[2]).to.not.equal(b.id);
    expect(
      d.comment(d.ids()[2])!.closest('li')!.parentElement!.closest('li')!.querySelector('parley-comment')!.comment!.id
    ).to.equal(b.id);
    expect(first.value).to.equal('To the first comment');
  });

  it('a permalink to a comment on page 4 of a 2,000-comment thread is reached', async function () {
    this.timeout(120_000);
    const thread = uniqueThread('permalink');
    for (let i = 0; i < 2000; i += 50) {
      await Promise.all(
        Array.from({length: 50}, (_, j) => api.post(thread, input(`${BODY} Number ${i + j}.`), {idempotencyKey: key()}))
      );
    }
    // The 171st oldest: on page 4 of pages of 50.
    const all: string[] = [];
    for (let cursor: string | null | undefined; cursor !== null;) {
      const page = await api.list(thread, {limit: 200, cursor});
      all.push(...page.comments.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(all).to.have.lengthOf(2000);
    const linked = all[170];
    const lists: string[] = [];
    const adapter = new RestAdapter({
      endpoint: '/api/v1',
      fetch: (url, init) => {
        if (String(url).includes('/comments?')) lists.push(String(url));
        return fetch(url, init);
      },
    });
    history.replaceState(null, '', `#comment-${encodeURIComponent(linked)}`);
    const d = await section(adapter, thread, {pageSize: 50});
    const el = await waitFor(() => (d.comment(linked)?.highlighted ? d.comment(linked) : null), 'the linked comment', 15_000);
    await waitFor(() => deepActive() === el, 'focused');
    expect(el.getBoundingClientRect().top).to.be.within(-1, innerHeight, 'scrolled to');
    expect(lists).to.have.lengthOf(2, `the first page, then one page up to its branch: ${lists.join(' ')}`);
    expect(d.ids().length).to.be.at.least(171);
  });

  it('like → unlike → like leaves one like after a lost answer and a retry', async () => {
    const thread = uniqueThread('likes');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    localStorage.removeItem('parley:author:/api/v1'); // a reader who never posted: a token is made for the first like
    let lose = false;
    const sent: string[] = [];
    const adapter = new RestAdapter({
      endpoint: '/api/v1',
      fetch: (url, init) => {
        let target = String(url);
        if (target.includes('/reactions/like')) {
          sent.push(`${init?.method} ${lose ? 'lost' : 'ok'}`);
          if (lose) target = target.replace('/api/v1/', '/api/fault/lost-answer/');
          lose = false;
        }
        return fetch(target, init);
      },
    });
    const d = await section(adapter, thread);
    const like = () => d.button(c.id, 'like')!;
    await waitFor(() => d.button(c.id, 'like'), 'the Like button');
    like().click();
    await waitFor(() => like().getAttribute('aria-pressed') === 'true' && sent.length === 1, 'liked');
    await new Promise((r) => setTimeout(r, 200));
    like().click();
    await waitFor(() => like().getAttribute('aria-pressed') === 'false' && sent.length === 2, 'unliked');
    await new Promise((r) => setTimeout(r, 200));
    lose = true;
    like().click();
    await waitFor(() => like().textContent.trim() === 'Like 1', 'shown before any answer');
    await waitFor(() => sent.length === 4, 'the lost answer, then the retry', 6000);
    expect(sent).to.deep.equal(['PUT ok', 'DELETE ok', 'PUT lost', 'PUT ok']);
    await waitFor(() => like().getAttribute('aria-pressed') === 'true', 'still liked');
    const [seen] = (await api.list(thread, {})).comments;
    expect([seen.likes, seen.liked]).to.deep.equal([1, true], 'one like, this reader’s');
    expect(like().textContent.trim()).to.equal('Like 1');
  });

  it('reports a comment with a reason, by keyboard, once; the moderators find it in their reported queue', async () => {
    const thread = uniqueThread('report');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    // Another reader than its author: a token of its own (kept per endpoint).
    const endpoint = `${location.origin}/api/v1`;
    localStorage.removeItem(`parley:author:${endpoint}`);
    const d = await section(new RestAdapter({endpoint}), thread);
    const report = await waitFor(() => d.button(c.id, 'report'), 'the Report button');
    expect(report.getAttribute('aria-expanded')).to.equal('false');
    report.click();
    const first = await waitFor(
      () => d.comment(c.id)!.shadowRoot!.querySelector<HTMLInputElement>('.report input[value="spam"]'),
      'the report form'
    );
    await waitFor(() => deepActive() === first, 'focus on the first reason');
    expect(d.button(c.id, 'report')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({press: 'Escape'});
    await waitFor(() => !d.comment(c.id)!.shadowRoot!.querySelector('.report'), 'closed by Escape');
    await waitFor(() => deepActive() === d.button(c.id, 'report'), 'focus back on Report');

    d.button(c.id, 'report')!.click();
    const off = await waitFor(
      () => d.comment(c.id)!.shadowRoot!.querySelector<HTMLInputElement>('.report input[value="off_topic"]'),
      'the form again'
    );
    off.click();
    d.comment(c.id)!.shadowRoot!.querySelector<HTMLButtonElement>('.report button[type="submit"]')!.click();
    await waitFor(() => d.button(c.id, 'reported')?.getAttribute('aria-disabled') === 'true', 'reported');
    expect(d.button(c.id, 'report')).to.equal(null);
    await waitFor(() => d.live() === 'Thank you: the moderators will look at it.', 'announced');
    await waitFor(() => deepActive() === d.button(c.id, 'reported'), 'focus on the new state');

    // The suite's backend puts a comment in the reported queue at its first report.
    const queue = await fetch(`/api/v1/admin/queue?status=reported&thread=${encodeURIComponent(thread)}`, {
      headers: {Authorization: 'Bearer browser-suite-admin-token'},
    });
    expect(queue.status).to.equal(200);
    expect(((await queue.json()) as {comments: {id: string}[]}).comments.map((x) => x.id)).to.deep.equal([c.id]);
  });
});
