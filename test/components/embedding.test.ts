import {expect, fixture, html} from '@open-wc/testing';
import {ParleyError} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {ControlledAdapter, parts, typeInto, uniqueThread, waitFor} from '../helpers.js';

describe('loading and fitting the page', () => {
  it('fetches the thread only when the section nears the viewport, with space reserved', async () => {
    const adapter = new ControlledAdapter();
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <div style="height: 5000px">article</div>
        <parley-comments .adapter=${adapter} thread=${uniqueThread()} no-drafts></parley-comments>
      </div>`
    );
    const el = page.querySelector('parley-comments')!;
    await new Promise((r) => setTimeout(r, 300));
    expect(adapter.lists).to.have.length(0);
    const reserved = parts(el).thread().shadowRoot!.querySelector('.reserve') as HTMLElement;
    expect(reserved.getBoundingClientRect().height).to.be.at.least(150);
    el.scrollIntoView();
    await waitFor(() => adapter.lists.length === 1, 'list after scrolling');
    scrollTo(0, 0);
  });

  it('fetches at once with the eager attribute', async () => {
    const adapter = new ControlledAdapter();
    await fixture(
      html`<div>
        <div style="height: 5000px">article</div>
        <parley-comments .adapter=${adapter} thread=${uniqueThread()} no-drafts eager></parley-comments>
      </div>`
    );
    await waitFor(() => adapter.lists.length === 1, 'eager list');
  });

  it('themes: dark and light colours of its own; none follows the page', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style="color: rgb(10, 20, 30)">
        <parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts></parley-comments>
        <parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts theme="dark"></parley-comments>
        <parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts theme="light"></parley-comments>
      </div>`
    );
    const [plain, dark, light] = [...page.querySelectorAll<ParleyComments>('parley-comments')].map((e) => getComputedStyle(e));
    expect(plain.color).to.equal('rgb(10, 20, 30)');
    expect(plain.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(dark.colorScheme).to.equal('dark');
    expect(dark.backgroundColor).to.equal('rgb(22, 25, 29)');
    expect(dark.color).to.equal('rgb(232, 234, 237)');
    expect(light.backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('sends a comment that failed offline once the browser is back online, with the same key', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(
      html`<parley-comments .adapter=${adapter} thread=${uniqueThread()} no-drafts eager></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => adapter.lists.length === 1, 'list');
    adapter.lists[0].resolve({comments: [], nextCursor: null, total: 0});
    typeInto(p.nameInput(), 'Priya S');
    typeInto(p.textarea(), 'Written on a train that just went into a tunnel, long enough.');
    const restore = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
    try {
      p.submit().click();
      await waitFor(() => adapter.posts.length === 1, 'first post');
      adapter.posts[0].reject(new ParleyError('network', 'Failed to fetch'));
      await waitFor(() => p.error().startsWith('You are offline'), 'offline message');
      expect(p.textarea().value).to.include('tunnel');
    } finally {
      delete (navigator as {onLine?: boolean}).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', restore);
    }
    dispatchEvent(new Event('online'));
    await waitFor(() => adapter.posts.length === 2, 'resent when online');
    expect(adapter.posts[1].key).to.equal(adapter.posts[0].key);
    dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 50));
    expect(adapter.posts).to.have.length(2);
  });
});

describe('layout stability', () => {
  it('causes no layout shift as the reader scrolls down to the comments', async function () {
    if (!PerformanceObserver.supportedEntryTypes.includes('layout-shift')) this.skip(); // Chromium only
    const thread = uniqueThread();
    const seed = {
      [thread]: Array.from({length: 12}, (_, i) => ({
        id: `c${i}`,
        threadId: thread,
        parentId: null,
        author: {name: `Reader ${i}`},
        body: `A comment of some length, number ${i}. `.repeat(3),
        createdAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
        status: 'published' as const,
      })),
    };
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {value: number; hadRecentInput: boolean})[]) {
        if (!e.hadRecentInput) shifts.push(e.value);
      }
    });
    observer.observe({type: 'layout-shift'});
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <div style="height: 3000px">article</div>
        <parley-comments .adapter=${new MemoryAdapter({seed})} thread=${thread} no-drafts></parley-comments>
        <footer style="height: 400px">footer</footer>
      </div>`
    );
    const el = page.querySelector('parley-comments')!;
    const p = parts(el);
    // Scroll step by step, as a reader does, until the form is on screen.
    for (let y = 0; y < 6000 && p.form().getBoundingClientRect().top > innerHeight / 2; y += 300) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
    }
    await waitFor(() => p.comments().length === 12, 'comments');
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    scrollTo(0, 0);
    expect(shifts.reduce((a, b) => a + b, 0)).to.equal(0);
  });
});
