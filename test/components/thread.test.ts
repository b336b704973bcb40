import {expect} from '@open-wc/testing';
import {ParleyError} from '../../src/adapters/adapter.js';
import type {Comment, CommentAdapter, CommentPage, LiveState} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {ParleyThread} from '../../src/components/thread/thread.js';
import {ControlledAdapter, makeComment, mount, typeInto, uniqueThread, waitFor} from '../helpers.js';

describe('<parley-thread>', () => {
  it('shows a loading state, then the comments and their count', async () => {
    expect(customElements.get('parley-thread')).to.equal(ParleyThread);
    const adapter = new ControlledAdapter();
    const thread = uniqueThread();
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => adapter.lists.length === 1, 'list');
    expect(p.threadText()).to.equal('Loading comments…');
    expect(adapter.lists[0].args[1]).to.deep.equal({limit: 50, sort: 'oldest'});
    adapter.lists[0].resolve({comments: [1, 2, 3].map((i) => makeComment(thread, i)), nextCursor: null, total: 3});
    await waitFor(() => p.comments().length === 3, 'three comments');
    expect(p.heading()).to.equal('Reader Comments 3 comments');
  });

  it('shows an empty state', async () => {
    const p = await mount(new MemoryAdapter(), uniqueThread(), {noDrafts: true});
    await waitFor(() => p.threadText().includes('No comments yet'), 'empty state');
    expect(p.heading()).to.equal('Reader Comments 0 comments');
  });

  it('shows an error with a retry button that loads again', async () => {
    const adapter = new ControlledAdapter();
    const thread = uniqueThread();
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => adapter.lists.length === 1, 'list');
    const failed = new Promise<CustomEvent>((r) => p.el.addEventListener('parley-error', r as EventListener, {once: true}));
    adapter.lists[0].reject(new ParleyError('network', 'offline'));
    expect((await failed).detail.action).to.equal('load');
    const alert = await waitFor(() => p.thread().shadowRoot!.querySelector('[role="alert"]'), 'alert');
    expect(alert.textContent).to.include('The comments could not be loaded.');
    alert.querySelector('button')!.click();
    await waitFor(() => adapter.lists.length === 2, 'second list');
    adapter.lists[1].resolve({comments: [makeComment(thread, 1)], nextCursor: null, total: 1});
    await waitFor(() => p.comments().length === 1, 'comment after retry');
  });

  it('loads only the first page, then more on request', async () => {
    const thread = uniqueThread();
    const seed = {[thread]: Array.from({length: 7}, (_, i) => makeComment(thread, i))};
    const adapter = new MemoryAdapter({seed});
    const el = await mount(adapter, thread, {noDrafts: true});
    el.el.pageSize = 3;
    await waitFor(() => el.comments().length === 3, 'first page');
    expect(el.heading()).to.include('7 comments');
    const more = () => el.thread().shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]');
    more()!.click();
    await waitFor(() => el.comments().length === 6, 'second page');
    more()!.click();
    await waitFor(() => el.comments().length === 7, 'last page');
    expect(more()).to.equal(null);
    const names = el.comments().map((c) => c.shadowRoot!.querySelector('.name')!.textContent);
    expect(names).to.deep.equal(['Reader 0', 'Reader 1', 'Reader 2', 'Reader 3', 'Reader 4', 'Reader 5', 'Reader 6']);
  });

  it('nests replies under the comment they answer', async () => {
    const thread = uniqueThread();
    const seed = {[thread]: [makeComment(thread, 1), makeComment(thread, 2, {parentId: 'c1'}), makeComment(thread, 3)]};
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 3, 'comments');
    const reply = p.thread().shadowRoot!.querySelector('ol.replies parley-comment') as HTMLElement & {comment: {id: string}};
    expect(reply.comment.id).to.equal('c2');
  });

  it('does not re-render while the reader types', async () => {
    const thread = uniqueThread();
    const seed = {[thread]: [1, 2, 3].map((i) => makeComment(thread, i))};
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 3, 'comments');
    const threadEl = p.thread();
    let renders = 0;
    const original = threadEl.render;
    threadEl.render = function (this: ParleyThread) {
      renders++;
      return original.call(this);
    };
    const observer = new MutationObserver((records) => (renders += records.length));
    observer.observe(threadEl.shadowRoot!, {subtree: true, childList: true, characterData: true, attributes: true});
    for (let i = 1; i <= 60; i++) {
      typeInto(p.textarea(), 'x'.repeat(i));
      await p.form().updateComplete;
    }
    observer.disconnect();
    expect(renders).to.equal(0);
  });

  it('shows avatar initial with a stable colour, name, time and line breaks', async () => {
    const thread = uniqueThread();
    const createdAt = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    const seed = {
      [thread]: [
        makeComment(thread, 1, {author: {name: 'priya S'}, body: 'Line one\nLine two', createdAt}),
        makeComment(thread, 2, {author: {name: 'priya S'}, createdAt: new Date(Date.now() + 3 * 3600e3).toISOString()}),
      ],
    };
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 2, 'comments');
    const [a, b] = p.comments().map((c) => c.shadowRoot!);
    expect(a.querySelector('.avatar')!.textContent.trim()).to.equal('P');
    const colour = (r: ShadowRoot) => getComputedStyle(r.querySelector('.avatar')!).backgroundColor;
    expect(colour(a)).to.match(/^rgb\(/);
    expect(colour(a)).to.equal(colour(b));
    expect(a.querySelector('time')!.getAttribute('datetime')).to.equal(createdAt);
    expect(a.querySelector('time')!.textContent.trim()).to.equal('5 minutes ago');
    // A server clock hours ahead never reads "in 3 hours".
    expect(b.querySelector('time')!.textContent.trim()).to.equal('just now');
    const body = a.querySelector('.body') as HTMLElement;
    expect(body.textContent).to.equal('Line one\nLine two');
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-wrap');
  });

  it('names each comment by its author and time, for moving from comment to comment', async () => {
    const thread = uniqueThread();
    const createdAt = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    const seed = {
      [thread]: [
        makeComment(thread, 1, {author: {name: 'Priya S'}, createdAt}),
        makeComment(thread, 2, {author: {name: 'Lars'}, createdAt}),
      ],
    };
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 2, 'comments');
    const names = p.comments().map((c) => {
      const root = c.shadowRoot!;
      const article = root.querySelector('article')!;
      const ids = article.getAttribute('aria-labelledby')!.split(' ');
      return ids.map((id) => root.getElementById(id)!.textContent.trim()).join(', ');
    });
    expect(names).to.deep.equal(['Priya S, 5 minutes ago', 'Lars, 5 minutes ago']);
  });

  it('renders untrusted text as text', async () => {
    const thread = uniqueThread();
    const w = window as unknown as {pwned?: boolean};
    const seed = {
      [thread]: [
        makeComment(thread, 1, {
          author: {name: 'javascript:alert(1)<img src=x onerror="window.pwned=true">', avatarUrl: 'javascript:window.pwned=true'},
          body: '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script> see javascript:alert(1) and https://example.com/a?b=1.',
        }),
        makeComment(thread, 2, {author: {name: 'Dana', avatarUrl: '//evil.example/x.png'}}),
        makeComment(thread, 3, {author: {name: 'Eve', avatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>'}}),
      ],
    };
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 3, 'comments');
    await new Promise((r) => setTimeout(r, 100));
    expect(w.pwned).to.equal(undefined);
    const roots = p.comments().map((c) => c.shadowRoot!);
    expect(roots.every((r) => r.querySelector('img') === null)).to.equal(true);
    expect(roots[0].querySelector('script')).to.equal(null);
    expect(roots[0].querySelector('.body')!.textContent).to.include('<script>window.pwned=true</script>');
    expect(roots[0].querySelector('.name')!.textContent).to.equal('javascript:alert(1)<img src=x onerror="window.pwned=true">');
    const links = [...roots[0].querySelectorAll<HTMLAnchorElement>('.body a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/a?b=1']);
    expect(links[0].rel).to.equal('nofollow ugc noopener noreferrer');
  });

  it('leaves out a malformed comment, shows the others, and says so once', async () => {
    const thread = uniqueThread();
    for (const bad of [{body: 42}, {body: null}, {author: undefined}]) {
      const adapter = new ControlledAdapter();
      const p = await mount(adapter, thread, {noDrafts: true});
      await waitFor(() => adapter.lists.length === 1, 'list');
      const errors: CustomEvent[] = [];
      p.el.addEventListener('parley-error', (e) => errors.push(e));
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        adapter.lists[0].resolve({
          comments: [makeComment(thread, 1), {...makeComment(thread, 2), ...bad}, makeComment(thread, 3)] as Comment[],
          nextCursor: null,
          total: 3,
        });
        await waitFor(() => p.comments().length === 2, 'the two good comments');
      } finally {
        console.warn = warn;
      }
      const field = 'author' in bad ? 'comments[1].author' : 'comments[1].body';
      expect(p.comments().map((c) => c.comment!.id)).to.deep.equal(['c1', 'c3']);
      expect(errors).to.have.length(1);
      expect(errors[0].detail.action).to.equal('load');
      expect([errors[0].detail.error.code, errors[0].detail.error.field]).to.deep.equal(['bad_response', field]);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.include(field);
      p.el.remove();
    }
  });

  it('a page that is not one is a load error: no comments list, or a total that is not a count', async () => {
    const thread = uniqueThread();
    const one = [makeComment(thread, 1)];
    const pages: [string, unknown][] = [
      ['no comments', {nextCursor: null, total: 3}],
      ['comments null', {comments: null, nextCursor: null, total: 0}],
      ['comments an object', {comments: {}, nextCursor: null, total: 0}],
      ['total a string', {comments: [], nextCursor: null, total: '3'}],
      ['total -1', {comments: [], nextCursor: null, total: -1}],
      ['total NaN', {comments: one, nextCursor: null, total: NaN}],
      ['total 1.5', {comments: one, nextCursor: null, total: 1.5}],
      ['total Infinity', {comments: one, nextCursor: null, total: Infinity}],
      ['total null', {comments: one, nextCursor: null, total: null}],
      ['no total', {comments: one, nextCursor: null}],
    ];
    for (const [what, page] of pages) {
      const adapter = new ControlledAdapter();
      const p = await mount(adapter, thread, {noDrafts: true});
      await waitFor(() => adapter.lists.length === 1, 'list');
      const errors: [string, string][] = [];
      p.el.addEventListener('parley-error', (e) => errors.push([e.detail.action, (e.detail.error as ParleyError).code]));
      adapter.lists[0].resolve(page as CommentPage);
      await waitFor(() => !p.threadText().includes('Loading'), `the page handled (${what})`);
      expect([what, p.threadText()]).to.deep.equal([what, 'The comments could not be loaded. Try again']);
      expect([what, errors]).to.deep.equal([what, [['load', 'bad_response']]]);
      expect(p.comments(), what).to.have.length(0);
      expect(p.heading(), what).to.equal('Reader Comments');
      p.el.remove();
    }
  });

  it('a later page that is not one is a load error under the comments already shown', async () => {
    const thread = uniqueThread();
    const adapter = new ControlledAdapter();
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => adapter.lists.length === 1, 'list');
    adapter.lists[0].resolve({comments: [makeComment(thread, 1)], nextCursor: 'next', total: 2});
    const more = await waitFor(() => p.thread().shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]'), 'show more');
    const errors: [string, string][] = [];
    p.el.addEventListener('parley-error', (e) => errors.push([e.detail.action, (e.detail.error as ParleyError).code]));
    more.click();
    await waitFor(() => adapter.lists.length === 2, 'second list');
    adapter.lists[1].resolve({comments: [makeComment(thread, 2)], nextCursor: null, total: 1.5});
    await waitFor(() => p.threadText().includes('The comments could not be loaded.'), 'load error');
    expect(errors).to.deep.equal([['load', 'bad_response']]);
    expect(p.comments().map((c) => c.comment!.id)).to.deep.equal(['c1']);
    expect(p.heading()).to.equal('Reader Comments 2 comments');
  });

  it('says, politely and once, that live updates are paused, and stops saying it when they resume', async () => {
    const thread = uniqueThread();
    let report: ((state: LiveState) => void) | undefined;
    const adapter: CommentAdapter = {
      list: async () => ({comments: [makeComment(thread, 1)], nextCursor: null, total: 1}),
      post: async () => makeComment(thread, 2),
      subscribe: (_t, _on, onState) => {
        report = onState;
        return () => {};
      },
    };
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 1 && report, 'the thread, subscribed');
    const note = () => p.thread().shadowRoot!.querySelector('.live')!;
    expect(note().getAttribute('role')).to.equal('status');
    expect(note().textContent.trim()).to.equal('');
    report!('paused');
    await waitFor(() => note().textContent.includes('not arriving live'), 'the note');
    report!('live');
    await waitFor(() => note().textContent.trim() === '', 'the note gone');
  });

  it('shows an http(s) avatar and falls back to the initial when it fails', async () => {
    const thread = uniqueThread();
    // The picture's answer is held back until the test has seen the <img>, then fails.
    const avatar = `${location.origin}/held/${crypto.randomUUID()}`;
    const seed = {[thread]: [makeComment(thread, 1, {author: {name: 'Zoe', avatarUrl: avatar}})]};
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    const root = (await waitFor(() => p.comments()[0]?.shadowRoot?.querySelector('.avatar') && p.comments()[0], 'comment'))
      .shadowRoot!;
    expect(root.querySelector('img')!.getAttribute('src')).to.equal(avatar);
    expect(root.querySelector('.avatar')!.textContent.trim()).to.equal('');
    await fetch(`${avatar}/release`);
    await waitFor(
      () => root.querySelector('img') === null && root.querySelector('.avatar')!.textContent.trim() === 'Z',
      'initial fallback'
    );
  });
});

describe('<parley-thread> rendering work', () => {
  it('does not re-render the comments already shown when more arrive', async () => {
    const thread = uniqueThread();
    const seed = {[thread]: Array.from({length: 6}, (_, i) => makeComment(thread, i))};
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    p.el.pageSize = 3;
    await waitFor(() => p.comments().length === 3, 'first page');
    const first = p.comments()[0] as HTMLElement & {render: () => unknown};
    let renders = 0;
    const original = first.render;
    first.render = function (this: HTMLElement) {
      renders++;
      return original.call(this);
    };
    p.thread().shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]')!.click();
    await waitFor(() => p.comments().length === 6, 'second page');
    await p.el.updateComplete;
    expect(renders).to.equal(0);
  });

  it('puts the full date in the time link, for keyboards and screen readers, not only on hover', async () => {
    const thread = uniqueThread();
    const p = await mount(new MemoryAdapter({seed: {[thread]: [makeComment(thread, 1)]}}), thread, {noDrafts: true});
    const link = await waitFor(() => p.comments()[0]?.shadowRoot?.querySelector<HTMLAnchorElement>('a#time'), 'time link');
    expect(link.getAttribute('href')).to.equal('#comment-c1');
    expect(link.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-01T00:01:00.000Z');
    expect(link.getAttribute('aria-label')).to.match(/^\S.* ago, .*2026/, 'relative, then the full date');
    // The comment is an article named by its author and time.
    const article = p.comments()[0].shadowRoot!.querySelector('article')!;
    expect(article.getAttribute('aria-labelledby')).to.equal('name time');
  });
});

describe('<parley-thread> first screen', () => {
  it('renders a screenful first, then the rest of the page frame by frame', async () => {
    const thread = uniqueThread();
    const adapter = new ControlledAdapter();
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => adapter.lists.length === 1, 'list');
    // What the first render put on the page, read before any frame can add more.
    const root = p.thread().shadowRoot!;
    const first = new Promise<[number, boolean]>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!root.querySelector('ol')) return;
        observer.disconnect();
        resolve([p.comments().length, !!root.querySelector('[part="load-more"]')]);
      });
      observer.observe(root, {childList: true, subtree: true});
    });
    adapter.lists[0].resolve({
      comments: Array.from({length: 50}, (_, i) => makeComment(thread, i)),
      nextCursor: 'more',
      total: 60,
    });
    expect(await first).to.deep.equal([8, false]);
    await waitFor(() => p.comments().length === 50, 'whole page');
    await waitFor(() => p.thread().shadowRoot!.querySelector('[part="load-more"]'), 'show more');
  });
});
